package fr.guichet.bot.console;

import fr.guichet.bot.handoff.AdviserNotifier;
import fr.guichet.bot.handoff.CaseSummary;
import fr.guichet.bot.handoff.HandoffCase;
import fr.guichet.knowledge.catalogue.Adviser;
import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * In the console, shows who would be pinged and what they would receive. Everything shown
 * comes from the stored case, whose user text has no control characters; it is cleaned once
 * more here, for cases stored before that rule.
 */
public final class ConsoleNotifier implements AdviserNotifier {
    private final Consumer<String> out;

    public ConsoleNotifier(PrintStream out) {
        this.out = block -> {
            out.print(block);
            out.flush();
        };
    }

    /** Blocks go to {@code sink} (for instance {@link ConsoleLog#post}, to wait for the end of a prompt). */
    public ConsoleNotifier(Consumer<String> sink) {
        this.out = sink;
    }

    @Override
    public void caseOpened(HandoffCase c, Adviser adviser) {
        show("Nouveau dossier pour", c, adviser);
    }

    @Override
    public void reminder(HandoffCase c, Adviser adviser) {
        show("Rappel : dossier non pris en charge, pour", c, adviser);
    }

    @Override
    public void escalated(HandoffCase c, Adviser backup) {
        show("Dossier transféré au relais", c, backup);
    }

    @Override
    public void caseForgotten(HandoffCase c, Adviser adviser) {
        show("🗑 L'entrepreneur a demandé l'effacement de ses données. Ne le recontactez pas. Dossier mis à jour pour",
                c, adviser);
    }

    private void show(String what, HandoffCase c, Adviser adviser) {
        StringBuilder s = new StringBuilder();
        s.append("┌─ ").append(what.startsWith("🗑") ? "" : "📣 ").append(what).append(" ").append(adviser.name())
                .append(" (").append(adviser.role()).append(")")
                .append(adviser.discordUserId() != null ? " — mention Discord <@" + adviser.discordUserId() + ">" : "")
                .append(adviser.email() != null ? " — " + adviser.email() : "").append('\n');
        for (String line : CaseSummary.full(c).split("\n")) {
            s.append("│ ").append(line).append('\n');
        }
        s.append("└─\n");
        out.accept(s.toString());
    }
}
