package fr.guichet.bot.discord;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Keeps what users typed out of the logs that Javacord writes. Javacord 3.8.0 quotes whole
 * gateway packets in some lines, one of them a WARN: « Couldn't handle packet of type … (packet:
 * …) », with the question, the interaction's token and, for the handoff form, the name and
 * phone. Such a line is replaced by the same line without the packet, on Guichet's logger
 * (level kept, exception reduced to its class). An interaction Javacord could not handle
 * (from a channel it has not cached) is also handed to {@code unhandled}, with its id and
 * token, so that the user is answered instead of seeing « Échec de l'interaction ».
 */
final class JavacordLogGuard extends TurboFilter {
    private static final Logger LOG = LoggerFactory.getLogger(JavacordLogGuard.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] QUOTES = {"(packet:", "packet:", "content:", "(content:"};
    private static final String UNHANDLED = "Couldn't handle packet of type ";

    private final BiConsumer<Long, String> unhandled;

    /** @param unhandled receives the id and token of an interaction Javacord dropped */
    JavacordLogGuard(BiConsumer<Long, String> unhandled) {
        this.unhandled = unhandled;
    }

    /** Adds the guard to Logback; returns it, to {@link #remove} it. */
    static JavacordLogGuard install(BiConsumer<Long, String> unhandled) {
        JavacordLogGuard guard = new JavacordLogGuard(unhandled);
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            guard.setContext(context);
            guard.start();
            context.addTurboFilter(guard);
        }
        return guard;
    }

    void remove() {
        if (getContext() instanceof LoggerContext context) {
            context.getTurboFilterList().remove(this);
        }
        stop();
    }

    @Override
    public FilterReply decide(Marker marker, ch.qos.logback.classic.Logger logger, Level level, String format,
                              Object[] params, Throwable t) {
        if (format == null || !logger.getName().startsWith("org.javacord")) {
            return FilterReply.NEUTRAL;
        }
        int cut = -1;
        for (String quote : QUOTES) {
            int at = format.indexOf(quote);
            if (at >= 0 && (cut < 0 || at < cut)) {
                cut = at;
            }
        }
        if (cut < 0) {
            return FilterReply.NEUTRAL;
        }
        if (format.startsWith(UNHANDLED + "INTERACTION_CREATE")) {
            answerDropped(format);
        }
        if (logger.isEnabledFor(level)) {
            String line = "Javacord (" + logger.getName().substring(logger.getName().lastIndexOf('.') + 1) + "): "
                    + format.substring(0, cut).strip() + " [packet left out: it may hold what a user typed]"
                    + (t == null ? "" : " " + t.getClass().getName()
                    + (t.getStackTrace().length > 0 ? " at " + t.getStackTrace()[0] : ""));
            switch (level.levelInt) {
                case Level.ERROR_INT -> LOG.error(line);
                case Level.WARN_INT -> LOG.warn(line);
                case Level.INFO_INT -> LOG.info(line);
                default -> LOG.debug(line);
            }
        }
        return FilterReply.DENY;
    }

    private void answerDropped(String line) {
        try {
            int start = line.indexOf("(packet: ");
            int end = line.lastIndexOf(')');
            if (start < 0 || end <= start) {
                return;
            }
            JsonNode packet = JSON.readTree(line.substring(start + "(packet: ".length(), end));
            long id = packet.path("id").asLong(0);
            String token = packet.path("token").asText("");
            if (id != 0 && !token.isEmpty() && packet.path("type").asInt() != 1) {
                unhandled.accept(id, token);
            }
        } catch (Exception e) {
            LOG.warn("a dropped interaction could not be read ({})", e.getClass().getSimpleName());
        }
    }
}
