package fr.guichet.bot.cli;

import fr.guichet.bot.Args;
import fr.guichet.bot.Command;
import fr.guichet.knowledge.catalogue.CatalogueAudit;
import fr.guichet.knowledge.catalogue.Problem;
import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code validate [--catalogue DIR] [--strict]}: exit 0 with the warnings (one line each), or 2
 * with every problem on stderr. {@code --strict} is for a production catalogue: what is only a
 * warning for a draft (no source, an old review, a home-page link…) refuses it.
 */
public final class ValidateCommand implements Command {
    private final Clock clock;

    public ValidateCommand() {
        this(Clock.systemDefaultZone());
    }

    public ValidateCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "validate";
    }

    @Override
    public String usage() {
        return "validate [--catalogue DIR] [--strict] vérifie un catalogue (code 2 et la liste des problèmes s'il est refusé ;"
                + " --strict : les avertissements deviennent des erreurs)";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = Args.parse(argv, Set.of("strict"), Set.of("catalogue")).noPositional();
        boolean strict = args.flag("strict");
        var dir = args.catalogue();
        var opened = CatalogueCommands.open(dir, clock);
        if (!opened.ok()) {
            CatalogueCommands.report(opened, dir, err);
            return CatalogueCommands.REFUSED;
        }
        var c = opened.catalogue();
        List<Problem> warnings = new ArrayList<>(opened.warnings());
        warnings.addAll(CatalogueAudit.warnings(dir, c, LocalDate.now(clock)));
        if (strict && !warnings.isEmpty()) {
            warnings.forEach(err::println);
            err.println("Catalogue refusé (" + dir + ", --strict) : " + warnings.size() + " problème(s).");
            return CatalogueCommands.REFUSED;
        }
        warnings.forEach(w -> err.println("attention : " + w));
        out.printf("Catalogue valide (%s) : %d dispositifs, %d formations, %d conseillers, %d avertissement(s).%n",
                dir, c.schemes().size(), c.trainings().size(), c.advisers().size(), warnings.size());
        return 0;
    }
}
