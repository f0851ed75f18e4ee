package fr.guichet.bot.ops;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether Guichet can serve: each part registers a check (the catalogue, the database, the
 * Discord gateway), and {@code /health} asks them all. Checks are cheap and never throw out of
 * here: a check that throws is a problem, named.
 */
public final class Health {

    /** One part's state: ok or the problem, in French, and details for the JSON body. */
    public record Status(boolean ok, String problem, Map<String, Object> details) {
        public Status {
            details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        }

        public static Status ok(Map<String, Object> details) {
            return new Status(true, null, details);
        }

        public static Status problem(String problem, Map<String, Object> details) {
            return new Status(false, Objects.requireNonNull(problem, "problem"), details);
        }
    }

    @FunctionalInterface
    public interface Check {
        Status check();
    }

    /** All checks' answers, in registration order. */
    public record Report(Map<String, Status> parts) {
        public boolean healthy() {
            return parts.values().stream().allMatch(Status::ok);
        }

        /** « part : problem », one per failing part. */
        public List<String> problems() {
            List<String> problems = new ArrayList<>();
            parts.forEach((name, s) -> {
                if (!s.ok()) {
                    problems.add(name + " : " + s.problem());
                }
            });
            return problems;
        }
    }

    private final Map<String, Check> checks = Collections.synchronizedMap(new LinkedHashMap<>());

    /** Adds (or replaces) the check of a part. */
    public void register(String part, Check check) {
        checks.put(Objects.requireNonNull(part, "part"), Objects.requireNonNull(check, "check"));
    }

    public void unregister(String part) {
        checks.remove(part);
    }

    public Report check() {
        Map<String, Check> now;
        synchronized (checks) {
            now = new LinkedHashMap<>(checks);
        }
        Map<String, Status> parts = new LinkedHashMap<>();
        now.forEach((name, check) -> {
            Status s;
            try {
                s = check.check();
            } catch (RuntimeException e) {
                s = Status.problem("vérification impossible (" + e.getClass().getSimpleName() + ")", Map.of());
            }
            parts.put(name, s);
        });
        return new Report(parts);
    }
}
