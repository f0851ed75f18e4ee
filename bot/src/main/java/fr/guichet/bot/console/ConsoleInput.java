package fr.guichet.bot.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The terminal's lines, which a stop signal can end. A read of the terminal cannot be
 * interrupted, so a daemon thread reads it ahead and this reader hands its lines out; once
 * {@link #end} is called, {@link #readLine} returns the end of input at once (even to a chat
 * waiting at its prompt), and lines typed meanwhile are not read: the chat takes no new
 * message, and ends as it does at the end of input.
 */
public final class ConsoleInput extends BufferedReader {
    private final LinkedBlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();
    private volatile boolean ended;

    public ConsoleInput(InputStream in) {
        super(Reader.nullReader());
        BufferedReader terminal = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        Thread.ofPlatform().daemon().name("guichet-console-input").start(() -> {
            try {
                for (String line; (line = terminal.readLine()) != null; ) {
                    lines.add(Optional.of(line));
                }
            } catch (IOException e) {
                // the terminal is gone: as the end of input
            }
            lines.add(Optional.empty());
        });
    }

    /** Ends the input now: the next {@link #readLine}, or the one waiting, returns null. */
    public void end() {
        ended = true;
        lines.add(Optional.empty());
    }

    @Override
    public String readLine() throws IOException {
        if (ended) {
            return null;
        }
        try {
            Optional<String> line = lines.take();
            if (line.isEmpty() || ended) {
                lines.add(Optional.empty()); // every later read sees the end too
                return null;
            }
            return line.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
