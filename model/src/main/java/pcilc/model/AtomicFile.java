package pcilc.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Build files are written whole or not at all: into a temporary file beside the target (same directory,
 * so the same file system), then one atomic move. A reader never sees half a file, whatever stops the
 * writer; a Ctrl-C or kill leaves no temporary file either (the JVM removes them as it exits).
 */
public final class AtomicFile {
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private AtomicFile() {
    }

    public static void write(Path file, String text) {
        writeAll(List.of(file), List.of(text));
    }

    /**
     * Several files: each is written beside its target, then all are moved into place, in the given order
     * (an interruption between two moves leaves the first ones new: put the file that completes a set last).
     */
    public static void writeAll(List<Path> files, List<String> contents) {
        List<Path> tmps = new ArrayList<>();
        Path current = null;
        boolean done = false;
        try {
            for (int i = 0; i < files.size(); i++) {
                current = files.get(i).toAbsolutePath();
                createDirectories(current.getParent());
                // unique: two processes may write the same file (make check and make report in two shells)
                Path tmp = current.resolveSibling(current.getFileName() + "." + ProcessHandle.current().pid() + "-"
                        + SEQUENCE.incrementAndGet() + ".tmp");
                tmp.toFile().deleteOnExit();
                tmps.add(tmp);
                Files.writeString(tmp, contents.get(i), StandardCharsets.UTF_8);
            }
            for (int i = 0; i < files.size(); i++) {
                current = files.get(i).toAbsolutePath();
                Files.move(tmps.get(i), current, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            done = true;
        } catch (IOException e) {
            throw new ToolError(cannotWrite(current, e));
        } finally {
            for (Path t : done ? List.<Path>of() : tmps) {
                try {
                    Files.deleteIfExists(t);
                } catch (IOException ignored) {
                    // the error being thrown is what the user needs
                }
            }
        }
    }

    /** Files.createDirectories, its failure as one line naming the directory at fault. */
    public static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ToolError(cannotCreate(dir, e));
        }
    }

    /** {@code <dir>: cannot write <name> (<reason>)}: a full or read-only directory is named as such. */
    public static String cannotWrite(Path file, IOException e) {
        return file.toAbsolutePath().getParent() + ": cannot write " + file.getFileName() + " (" + why(e) + ")";
    }

    /**
     * {@code <parent>: cannot create <name> (<reason>)} for the first directory on the way to {@code dir} that
     * could not be made, so a read-only or full directory is the one named; a file in the way is named too.
     */
    public static String cannotCreate(Path dir, IOException e) {
        Path target = dir.toAbsolutePath().normalize();
        for (Path p = target; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p)) {
                return p + ": is a file, where " + target + " needs a directory";
            }
        }
        Path failed = target;
        if (e instanceof FileSystemException f && f.getFile() != null
                && target.startsWith(Path.of(f.getFile()).toAbsolutePath().normalize())) {
            failed = Path.of(f.getFile()).toAbsolutePath().normalize();
        }
        return (failed.getParent() != null ? failed.getParent() + ": cannot create " + failed.getFileName()
                : failed + ": cannot create it") + " (" + why(e) + ")";
    }

    /** The operating system's reason, in its words (permission denied, no space left on device, ...). */
    public static String why(IOException e) {
        String reason = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        if (reason == null) {
            reason = e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof NoSuchFileException ? "no such file or directory"
                    : e instanceof NotDirectoryException ? "not a directory"
                    : e instanceof FileAlreadyExistsException ? "a file is in the way"
                    : "input/output error";
        }
        return reason.isEmpty() ? reason : reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1);
    }
}
