package fr.guichet.bot.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/** {@code validate [--catalogue DIR]}: exit 0, or 2 with every problem on stderr. */
public final class ValidateCommand implements Command {
    @Override
    public String name() {
        return "validate";
    }

    @Override
    public String usage() {
        return "validate [--catalogue DIR]            vérifie un catalogue (code 2 et la liste des problèmes s'il est refusé)";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = Args.parse(argv, Set.of(), Set.of("catalogue")).noPositional();
        var dir = args.catalogue();
        var opened = CatalogueCommands.open(dir, Clock.systemDefaultZone());
        if (!CatalogueCommands.report(opened, dir, err)) {
            return CatalogueCommands.REFUSED;
        }
        var c = opened.catalogue();
        out.printf("Catalogue valide (%s) : %d dispositifs, %d formations, %d conseillers, %d avertissement(s).%n",
                dir, c.schemes().size(), c.trainings().size(), c.advisers().size(), opened.warnings().size());
        return 0;
    }
}
