package fr.guichet.bot.console;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.LoggerFactory;

/**
 * Keeps what background work prints (warnings of the reminders or of the retention, reminders
 * of the session's own cases) until the chat is between two turns, so that nothing lands in
 * the middle of what the user is typing. While installed, log events go to this buffer instead
 * of the usual console appenders; {@link #flush} prints them, {@link #close} puts the appenders
 * back and prints what is left.
 */
public final class ConsoleLog implements AutoCloseable {
    private final ConcurrentLinkedQueue<String> errLines = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> outBlocks = new ConcurrentLinkedQueue<>();
    private final PrintStream out;
    private final PrintStream err;
    private final List<Appender<ILoggingEvent>> detached = new ArrayList<>();
    private Logger root;
    private AppenderBase<ILoggingEvent> buffer;

    public ConsoleLog(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Routes the root logger's output to this buffer. Does nothing when logging is not Logback. */
    public ConsoleLog install() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return this;
        }
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n");
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        buffer = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                errLines.add(new String(encoder.encode(event), StandardCharsets.UTF_8));
            }
        };
        buffer.setContext(context);
        buffer.setName("guichet-console-buffer");
        buffer.start();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            detached.add(it.next());
        }
        detached.forEach(root::detachAppender);
        root.addAppender(buffer);
        return this;
    }

    /** A block for the chat's own output (a notification), shown at the next flush. */
    public void post(String block) {
        outBlocks.add(block);
    }

    /** Prints what waited: log lines on stderr, posted blocks on stdout. */
    public void flush() {
        for (String line; (line = errLines.poll()) != null; ) {
            err.print(line);
        }
        err.flush();
        for (String block; (block = outBlocks.poll()) != null; ) {
            out.print(block);
        }
        out.flush();
    }

    @Override
    public void close() {
        if (root != null) {
            root.detachAppender(buffer);
            detached.forEach(root::addAppender);
            buffer.stop();
            root = null;
        }
        flush();
    }
}
