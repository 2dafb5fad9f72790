package pcilc.review;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import pcilc.tlc.ToolError;

/** Writes a whole file or nothing: into a temporary file beside it, then one move. */
final class AtomicFile {
    private AtomicFile() {
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ToolError(file + ": cannot write (" + e.getMessage() + ")");
        }
    }
}
