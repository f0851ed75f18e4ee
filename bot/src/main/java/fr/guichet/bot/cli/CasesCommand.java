package fr.guichet.bot.cli;

import fr.guichet.bot.Wiring;
import fr.guichet.bot.console.CaseSummary;
import fr.guichet.bot.handoff.CaseState;
import fr.guichet.bot.handoff.HandoffCase;
import fr.guichet.bot.handoff.StoreException;
import fr.guichet.bot.store.SqliteHandoffStore;
import fr.guichet.knowledge.catalogue.Adviser;
import fr.guichet.knowledge.catalogue.CatalogueLoader;
import java.io.PrintStream;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/** {@code cases list|show ID|claim ID|resolve ID|cancel ID|reassign ID ADVISER}: the advisers' side, on the same store. */
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
        return "cases list [--all] | show ID | claim ID | resolve ID | cancel ID | reassign ID CONSEILLER  [--data DIR] [--as NOM]";
    }

    @Override
    public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        Args args = Args.parse(argv, Set.of("all"));
        List<String> words = args.positional();
        if (words.isEmpty()) {
            throw new Args.UsageException("précisez une action : list, show, claim, resolve, cancel ou reassign");
        }
        Wiring.Settings settings = Wiring.settings(args, env);
        String actor = args.get("as", System.getProperty("user.name", "conseiller"));
        try (SqliteHandoffStore store = SqliteHandoffStore.open(settings.data(), clock)) {
            String action = words.get(0);
            if (action.equals("list")) {
                Set<CaseState> states = args.flag("all") ? EnumSet.allOf(CaseState.class)
                        : EnumSet.of(CaseState.OPEN, CaseState.CLAIMED);
                List<HandoffCase> cases = store.list(states);
                if (cases.isEmpty()) {
                    out.println(args.flag("all") ? "Aucun dossier." : "Aucun dossier ouvert.");
                }
                cases.forEach(c -> out.println(CaseSummary.headline(c) + " · " + c.adviserId() + " · " + c.reason()));
                return 0;
            }
            if (words.size() < 2) {
                throw new Args.UsageException("précisez le numéro du dossier");
            }
            String id = words.get(1);
            HandoffCase result = switch (action) {
                case "show" -> store.find(id).orElseThrow(() -> new NoSuchElementException("dossier inconnu : " + id));
                case "claim" -> store.transition(id, CaseState.CLAIMED, actor);
                case "resolve" -> store.transition(id, CaseState.RESOLVED, actor);
                case "cancel" -> store.transition(id, CaseState.CANCELLED, actor);
                case "reassign" -> {
                    if (words.size() < 3) {
                        throw new Args.UsageException("précisez le conseiller : cases reassign ID CONSEILLER");
                    }
                    Map<String, Adviser> advisers = new CatalogueLoader().load(settings.catalogue()).catalogue().advisersById();
                    Adviser to = advisers.get(words.get(2));
                    if (to == null) {
                        throw new Args.UsageException("conseiller inconnu « " + words.get(2) + " » (connus : "
                                + String.join(", ", advisers.keySet()) + ")");
                    }
                    yield store.reassign(id, to.id(), to.backup() != null ? to.backup() : to.id(), actor);
                }
                default -> throw new Args.UsageException("action inconnue « " + action + " »");
            };
            out.println(action.equals("show") ? CaseSummary.full(result) : CaseSummary.headline(result));
            return 0;
        } catch (NoSuchElementException | IllegalStateException e) {
            err.println(e.getMessage());
            return 1;
        } catch (StoreException e) {
            err.println(e.getMessage());
            return CatalogueCommands.REFUSED;
        }
    }
}
