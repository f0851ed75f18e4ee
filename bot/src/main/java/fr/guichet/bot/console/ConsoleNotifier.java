package fr.guichet.bot.console;

import fr.guichet.bot.handoff.AdviserNotifier;
import fr.guichet.bot.handoff.HandoffCase;
import fr.guichet.knowledge.catalogue.Adviser;
import java.io.PrintStream;

/** In the console, shows who would be pinged and what they would receive. */
public final class ConsoleNotifier implements AdviserNotifier {
    private final PrintStream out;

    public ConsoleNotifier(PrintStream out) {
        this.out = out;
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

    private void show(String what, HandoffCase c, Adviser adviser) {
        out.println("┌─ 📣 " + what + " " + adviser.name() + " (" + adviser.role() + ")"
                + (adviser.discordUserId() != null ? " — mention Discord <@" + adviser.discordUserId() + ">" : "")
                + (adviser.email() != null ? " — " + adviser.email() : ""));
        for (String line : CaseSummary.full(c).split("\n")) {
            out.println("│ " + line);
        }
        out.println("└─");
    }
}
