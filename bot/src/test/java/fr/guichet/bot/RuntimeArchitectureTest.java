package fr.guichet.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of the application depend on each other in one direction: no cycle, the runtime
 * ({@code fr.guichet.bot}, {@code ops}) knows no channel and no command, and a channel knows
 * no other channel and no command. Read from the sources' imports and qualified names.
 */
class RuntimeArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern REFERENCE = Pattern.compile("\\bfr\\.guichet\\.bot((?:\\.[a-z][a-z0-9]*)*)\\.[A-Z]");

    /** Package (relative to fr.guichet.bot, "" for the root) → the packages its sources name. */
    private static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES.resolve("fr/guichet/bot"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.resolve("fr/guichet/bot").relativize(file.getParent()).toString().replace('/', '.');
                Set<String> uses = graph.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(Files.readString(file));
                while (m.find()) {
                    String used = m.group(1).isEmpty() ? "" : m.group(1).substring(1);
                    if (!used.equals(pkg)) {
                        uses.add(used);
                    }
                }
            }
        }
        return graph;
    }

    @Test
    void noPackageCycle() throws IOException {
        Map<String, Set<String>> graph = dependencies();
        List<List<String>> cycles = new ArrayList<>();
        for (String start : graph.keySet()) {
            findCycle(graph, start, new ArrayList<>(List.of(start)), new HashSet<>(), cycles);
        }
        assertEquals(List.of(), cycles, "package cycles in " + graph);
    }

    private static void findCycle(Map<String, Set<String>> graph, String at, List<String> path, Set<String> done,
                                  List<List<String>> cycles) {
        for (String next : graph.getOrDefault(at, Set.of())) {
            if (next.equals(path.get(0))) {
                cycles.add(new ArrayList<>(path));
            } else if (!path.contains(next) && done.add(path.get(0) + ">" + next) && cycles.isEmpty()) {
                path.add(next);
                findCycle(graph, next, path, done, cycles);
                path.remove(path.size() - 1);
            }
        }
    }

    @Test
    void theRuntimeKnowsNoChannelAndNoCommandAndChannelsKnowNoOther() throws IOException {
        Map<String, Set<String>> graph = dependencies();
        Map<String, Set<String>> forbidden = new HashMap<>();
        forbidden.put("", Set.of("cli", "console", "discord"));
        forbidden.put("ops", Set.of("", "cli", "console", "discord"));
        forbidden.put("discord", Set.of("cli", "console"));
        forbidden.put("console", Set.of("cli", "discord", ""));
        forbidden.put("assistant", Set.of("", "cli", "console", "discord", "ops", "store"));
        forbidden.put("report", Set.of("", "cli", "store"));
        forbidden.forEach((pkg, not) -> {
            Set<String> wrong = new TreeSet<>(graph.getOrDefault(pkg, Set.of()));
            wrong.retainAll(not);
            assertTrue(wrong.isEmpty(), "fr.guichet.bot" + (pkg.isEmpty() ? "" : "." + pkg) + " uses " + wrong);
        });
        assertTrue(graph.containsKey("ops") && graph.containsKey("cli"), graph.keySet().toString());
    }
}
