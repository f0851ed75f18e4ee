package fr.guichet.bot.cli;

import fr.guichet.bot.Args;
import fr.guichet.bot.Command;
import fr.guichet.bot.Wiring;
import fr.guichet.bot.handoff.CaseListing;
import fr.guichet.bot.handoff.CaseState;
import fr.guichet.bot.handoff.CaseSummary;
import fr.guichet.bot.handoff.HandoffCase;
import fr.guichet.bot.handoff.StoreException;
import fr.guichet.bot.handoff.UserText;
import fr.guichet.bot.store.Database;
import fr.guichet.bot.store.SqliteHandoffStore;
import fr.guichet.knowledge.catalogue.Adviser;
import fr.guichet.knowledge.catalogue.CatalogueException;
import fr.guichet.knowledge.catalogue.CatalogueLoader;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * {@code cases list|show ID|claim ID|resolve ID|cancel ID|reassign ID ADVISER}: the advisers'
 * side, on the same store.
 *
 * <p>{@code list} and {@code show} only read: they open the database read-only, so they work
 * on a read-only copy or backup and never wait for the write lock of a running Guichet. The
 * other actions write, each in one transaction. {@code --as} names the adviser acting; it must
 * be an adviser id of the catalogue, and {@code claim --as X} makes the case X's.
 */
public final class CasesCommand implements Command {
    private final Map<String, String> env;
    private final Clock clock;

    public CasesCommand(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "cases";
    }

    @Override
    public String usage() {
        return "cases list [--all] | show ID | claim ID | resolve ID | cancel ID | reassign ID CONSEILLER  [--data DIR] [--as CONSEILLER]";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = Args.parse(argv, Set.of("all"), Set.of("data", "catalogue", "as"));
        List<String> words = args.positional();
        if (words.isEmpty()) {
            throw new Args.UsageException("précisez une action : list, show, claim, resolve, cancel ou reassign");
        }
        Wiring.Settings settings = Wiring.settings(args, env);
        String action = words.get(0);
        if (!Set.of("list", "show", "claim", "resolve", "cancel", "reassign").contains(action)) {
            throw new Args.UsageException("action inconnue « " + action + " »");
        }
        if (!action.equals("list") && words.size() < 2) {
            throw new Args.UsageException("précisez le numéro du dossier");
        }
        int expected = action.equals("list") ? 1 : action.equals("reassign") ? 3 : 2;
        if (action.equals("reassign") && words.size() < 3) {
            throw new Args.UsageException("précisez le conseiller : cases reassign ID CONSEILLER");
        }
        if (words.size() > expected) {
            throw new Args.UsageException("mot en trop « " + words.get(expected) + " »");
        }
        try {
            if (action.equals("list") || action.equals("show")) {
                return read(action, words, args, settings, out, err);
            }
            return write(action, words, args, settings, out);
        } catch (NoSuchElementException | IllegalStateException e) {
            err.println(e.getMessage());
            return 1;
        } catch (StoreException e) {
            err.println(e.getMessage());
            return CatalogueCommands.REFUSED;
        }
    }

    private int read(String action, List<String> words, Args args, Wiring.Settings settings, PrintStream out,
                     PrintStream err) {
        if (!Files.exists(settings.data().resolve(Database.FILE_NAME))) {
            out.println("Aucun dossier (pas encore de base de données dans " + settings.data() + ").");
            return action.equals("list") ? 0 : 1;
        }
        try (Database db = Database.openReadOnly(settings.data());
             SqliteHandoffStore store = new SqliteHandoffStore(db, clock)) {
            if (action.equals("show")) {
                String id = words.get(1);
                HandoffCase c = store.find(id).orElseThrow(() -> new NoSuchElementException("dossier inconnu : " + id));
                out.print(CaseSummary.full(c));
                return 0;
            }
            Set<CaseState> states = args.flag("all") ? EnumSet.allOf(CaseState.class)
                    : EnumSet.of(CaseState.OPEN, CaseState.CLAIMED);
            CaseListing listing = store.listing(states);
            if (listing.cases().isEmpty() && listing.unreadable().isEmpty()) {
                out.println(args.flag("all") ? "Aucun dossier." : "Aucun dossier ouvert.");
            }
            listing.cases().forEach(c -> out.println(CaseSummary.headline(c) + " · " + c.adviserId() + " · "
                    + UserText.clean(c.reason())));
            for (CaseListing.Unreadable bad : listing.unreadable()) {
                err.println("attention : dossier " + bad.id() + " illisible (" + bad.reason()
                        + ") : la base a été modifiée à la main ou est abîmée ; les autres dossiers sont listés.");
            }
            return 0;
        }
    }

    private int write(String action, List<String> words, Args args, Wiring.Settings settings, PrintStream out)
            throws Args.UsageException {
        String id = words.get(1);
        Map<String, Adviser> advisers = null;
        Adviser as = null;
        if (args.get("as") != null || action.equals("reassign")) {
            advisers = advisers(settings);
            if (args.get("as") != null) {
                as = known(advisers, args.get("as"), "--as");
            }
        }
        String actor = as != null ? as.id() : System.getProperty("user.name", "conseiller");
        try (SqliteHandoffStore store = SqliteHandoffStore.open(settings.data(), clock)) {
            HandoffCase result = switch (action) {
                case "claim" -> as != null ? store.claim(id, as.id(), backupOf(as), actor)
                        : store.transition(id, CaseState.CLAIMED, actor);
                case "resolve" -> store.transition(id, CaseState.RESOLVED, actor);
                case "cancel" -> store.transition(id, CaseState.CANCELLED, actor);
                case "reassign" -> {
                    Adviser to = known(advisers, words.get(2), "conseiller");
                    yield store.reassign(id, to.id(), backupOf(to), actor);
                }
                default -> throw new Args.UsageException("action inconnue « " + action + " »");
            };
            out.println(CaseSummary.headline(result) + " · " + result.adviserId());
            return 0;
        }
    }

    private static String backupOf(Adviser a) {
        return a.backup() != null ? a.backup() : a.id();
    }

    private static Map<String, Adviser> advisers(Wiring.Settings settings) {
        try {
            return new CatalogueLoader().load(settings.catalogue()).catalogue().advisersById();
        } catch (CatalogueException e) {
            throw new StoreException("Catalogue " + settings.catalogue() + " illisible, conseillers inconnus : "
                    + e.problems().get(0));
        }
    }

    private static Adviser known(Map<String, Adviser> advisers, String id, String what) throws Args.UsageException {
        Adviser a = advisers.get(id);
        if (a == null) {
            throw new Args.UsageException(what + " : conseiller inconnu « " + id + " » (connus : "
                    + String.join(", ", advisers.keySet()) + ")");
        }
        return a;
    }
}
