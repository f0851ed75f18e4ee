package fr.guichet.bot.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Makes files and folders really read-only for a test, whoever runs it: permission bits for
 * an ordinary user; for root, who ignores them, the immutable attribute ({@code chattr +i},
 * which root obeys). Closing undoes it, so that the temporary folder can be deleted. When
 * neither works (a file system without attributes) the test is skipped, saying why.
 */
final class ReadOnlyFiles implements AutoCloseable {
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));
    private final List<Path> done = new ArrayList<>();

    ReadOnlyFiles make(Path path) {
        try {
            if (ROOT) {
                Assumptions.assumeTrue(chattr("+i", path), "chattr +i n'est pas possible ici : " + path);
            } else {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "r-x------" : "r--------"));
            }
            done.add(0, path);
            return this;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        for (Path path : done) {
            try {
                if (ROOT) {
                    chattr("-i", path);
                } else {
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwx------" : "rw-------"));
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        done.clear();
    }

    private static boolean chattr(String flag, Path path) {
        try {
            Process p = new ProcessBuilder("chattr", flag, path.toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
