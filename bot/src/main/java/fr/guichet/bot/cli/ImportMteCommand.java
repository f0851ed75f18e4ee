package fr.guichet.bot.cli;

import fr.guichet.bot.Args;
import fr.guichet.bot.Command;
import fr.guichet.knowledge.importer.MteImporter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/** {@code import-mte --from DIR --to DIR [--home TERRITORY]}: converts Mission Transition Écologique programmes, then validates. */
public final class ImportMteCommand implements Command {
    @Override
    public String name() {
        return "import-mte";
    }

    @Override
    public String usage() {
        return "import-mte --from DIR --to DIR [--home TERRITOIRE]   convertit les programmes Mission Transition Écologique en catalogue";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = Args.parse(argv, Set.of(), Set.of("from", "to", "home")).noPositional();
        Path from = Path.of(args.require("from"));
        Path to = Path.of(args.require("to"));
        MteImporter.Report report = new MteImporter().importDirectory(from, to, args.get("home"));
        report.skipped().forEach(s -> err.println("ignoré : " + s));
        out.printf("%d dispositifs et %d formations écrits dans %s (advisers.json d'exemple).%n",
                report.schemes(), report.trainings(), to);
        var opened = CatalogueCommands.open(to, Clock.systemDefaultZone());
        if (!CatalogueCommands.report(opened, to, err)) {
            return CatalogueCommands.REFUSED;
        }
        out.println("Le catalogue produit est valide.");
        return report.skipped().isEmpty() ? 0 : 1;
    }
}
