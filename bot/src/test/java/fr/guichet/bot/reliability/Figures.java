package fr.guichet.bot.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the suite tried and what came of it: the figures of docs/reliability.md. */
final class Figures {
    int messagesThroughAssistant;
    int messagesThroughConsole;
    int consoleSessions;
    int faultScenarios;
    int failedOperationsMet;
    int casesConfirmed;
    int casesLost;
    int crashes;
    int apologies;
    int privacyChecks;
    final Map<String, Integer> assistantErrors = new TreeMap<>();
    final List<String> scenarios = new ArrayList<>();

    synchronized void scenario(String name, int failedOperations) {
        faultScenarios++;
        failedOperationsMet += failedOperations;
        scenarios.add(name + " (" + failedOperations + " opération(s) en échec rencontrée(s))");
    }

    synchronized String report() {
        StringBuilder s = new StringBuilder();
        s.append("messages essayés : ").append(messagesThroughAssistant + messagesThroughConsole)
                .append(" (").append(messagesThroughAssistant).append(" par l'assistant, ").append(messagesThroughConsole)
                .append(" par la console en ").append(consoleSessions).append(" sessions)\n");
        s.append("fautes injectées : ").append(faultScenarios).append(" scénarios, ").append(failedOperationsMet)
                .append(" opérations en échec rencontrées\n");
        s.append("dossiers confirmés : ").append(casesConfirmed).append(", perdus : ").append(casesLost).append('\n');
        s.append("plantages (session terminée par une erreur) : ").append(crashes).append('\n');
        s.append("excuses données (message perdu, conversation poursuivie) : ").append(apologies).append('\n');
        s.append("erreurs dans l'assistant, rattrapées par le canal : ")
                .append(assistantErrors.isEmpty() ? "aucune" : assistantErrors.toString()).append('\n');
        s.append("contrôles de confidentialité : ").append(privacyChecks).append('\n');
        scenarios.forEach(n -> s.append("  - ").append(n).append('\n'));
        return s.toString();
    }

    synchronized void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, report(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
