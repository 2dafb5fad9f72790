package pcilc.tlc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import pcilc.model.Cfg;
import pcilc.model.TlcOutput;

/**
 * A TLC run that ended without a verdict, as the one line the tool prints: the file at fault (a module or
 * the cfg), with line and column where SANY or TLC gives them, and what is wrong in SANY's or TLC's words,
 * without TLC's tool-mode framing, its message codes or Java class names.
 */
public final class TlcFailure {
    /** SANY's and TLC's position of an expression. */
    private static final Pattern RANGE =
            Pattern.compile("line (\\d+), col (\\d+) to line \\d+, col \\d+ of module (\\w+)");
    /** An entry of TLC's list of the nested expressions it was evaluating ("3. Line 149, column 8 to ... in M"). */
    private static final Pattern NESTED = Pattern.compile(
            "(?m)^\\s*\\d+[.)] [Ll]ine (\\d+), col(?:umn)? (\\d+) to line \\d+, col(?:umn)? \\d+ (?:in|of module) (\\w+)");
    private static final Pattern PARSING = Pattern.compile("Parsing file (.+\\.tla)");
    private static final Pattern ENCOUNTERED = Pattern.compile("Encountered \"(.*)\" at line (\\d+), column (\\d+)");
    private static final Pattern LINE_COLUMN = Pattern.compile("line (\\d+), column (\\d+)");
    private static final Pattern LAST_TOKEN = Pattern.compile("and token \"(.*)\"\\s*$");
    private static final Pattern EXPECTING = Pattern.compile("Was expecting \"?(.*?)\"?$");
    private static final Pattern LEXICAL =
            Pattern.compile("Lexical error at line (\\d+), column (\\d+)\\.\\s+Encountered: (\".*?\"|<EOF>).*?(?:after : (\".*\"))?$");
    private static final Pattern OPEN_COMMENT = Pattern.compile("EOF reached, possibly open comment starting around line (\\d+)");
    private static final Pattern NO_FILE = Pattern.compile("File does not exist: (\\S+)|Cannot find source file for module (\\w+)");
    private static final Pattern CFG_LINE = Pattern.compile("configuration file at line (\\d+)");
    private static final Pattern ASSUMPTION = Pattern.compile("Assumption " + RANGE.pattern() + " is false");
    /** TLC's wrapper around an exception in its own code, and the Java class it names. */
    private static final Pattern WRAPPER = Pattern.compile("(?s)TLC threw an unexpected exception\\..*?"
            + "The exception was an? [\\w.$]+\\s*(?::\\s*)?");
    private static final Pattern IDENTIFIER = Pattern.compile("\\b[A-Za-z_]\\w*\\b");
    /** A line that is only a Java exception's name, as SANY prints after a parse error. */
    private static final Pattern JAVA_EXCEPTION = Pattern.compile("\\s*(?:[a-z]\\w*\\.)+[A-Z]\\w*(?:Exception|Error)\\b.*");

    private TlcFailure() {
    }

    static String describe(int exit, TlcOutput out, Path tla, Path cfg) {
        if (exit >= 128 && exit < 160 && exit != ModelCheck.EXIT_PARSE && exit != ModelCheck.EXIT_CONFIG
                && out.messages().stream().noneMatch(m -> m.severity() == 1)) {
            return tla + ": TLC was stopped by signal " + (exit - 128) + (exit == 130 ? " (Ctrl-C)" : "");
        }
        if (exit == ModelCheck.EXIT_PARSE) {
            return parseFailure(out, tla);
        }
        String error = firstError(out);
        if (exit == ModelCheck.EXIT_CONFIG || error.contains("configuration file")) {
            return cfgFailure(error, cfg);
        }
        Matcher assumption = ASSUMPTION.matcher(error);
        if (assumption.find()) {
            return at(tla, assumption.group(3), assumption.group(1), assumption.group(2))
                    + "this ASSUME does not hold for the constants of " + cfg;
        }
        return evaluationFailure(error, out, tla);
    }

    /** SANY's report: a syntax error, a lexical one, a semantic one, or a module it cannot find. */
    private static String parseFailure(TlcOutput out, Path tla) {
        List<String> lines = out.plainLines().stream().map(String::strip).toList();
        Path file = tla;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher parsing = PARSING.matcher(line);
            if (parsing.matches()) {
                file = Path.of(parsing.group(1));  // SANY reports an error in the file it is parsing
                continue;
            }
            if (line.startsWith("***Parse Error***")) {
                return syntaxError(file, lines.subList(i + 1, lines.size()));
            }
            Matcher lexical = LEXICAL.matcher(line);
            if (lexical.find()) {
                String what = lexical.group(3).equals("\"\\n\"") ? "end of line" : lexical.group(3);
                String after = lexical.group(4);
                String where = file + ":" + lexical.group(1) + ":" + lexical.group(2) + ": lexical error: ";
                if (after != null && after.startsWith("\"\\\"")) {  // SANY shows the text read so far, escaped
                    String string = after.substring(1, after.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
                    return where + "the string " + string + " has no closing quote on its line";
                }
                return where + "unexpected " + what + (after != null ? " after " + after : "");
            }
            Matcher comment = OPEN_COMMENT.matcher(line);
            if (comment.find()) {
                return file + ":" + comment.group(1) + ": lexical error: the file ends inside a comment opened"
                        + " around this line (a (* without its *))";
            }
            Matcher range = RANGE.matcher(line);
            if (range.lookingAt()) {
                return at(tla, range.group(3), range.group(1), range.group(2)) + nextNonBlank(lines, i + 1);
            }
            Matcher noFile = NO_FILE.matcher(line);
            if (noFile.find()) {
                String module = noFile.group(2) != null ? noFile.group(2)
                        : Path.of(noFile.group(1)).getFileName().toString().replaceFirst("\\.tla$", "");
                return importedAt(tla, module) + "no module " + module + " (no " + module + ".tla beside "
                        + tla.getFileName() + ", and not a standard module)";
            }
            if (line.startsWith("File name '")) {
                return file + ": " + line;
            }
        }
        return tla + ": SANY could not parse the spec (make review DESIGN=<name> shows its output)";
    }

    /**
     * SANY's parse error: "Was expecting X" (sometimes), "Encountered Y at line L, column C and token T"
     * (the token is the last one it could use), then its parser's stack, which is left out.
     */
    private static String syntaxError(Path file, List<String> after) {
        String expecting = null;
        List<String> text = new ArrayList<>();
        for (String line : after) {
            if (line.startsWith("Residual stack trace") || line.startsWith("Fatal errors")) {
                break;
            }
            Matcher encountered = ENCOUNTERED.matcher(line);
            if (encountered.find()) {
                String found = switch (encountered.group(1)) {
                    case "<EOF>" -> "end of file";
                    case "Beginning of definition" -> "start of a definition";
                    default -> "\"" + shorten(encountered.group(1)) + "\"";
                };
                Matcher last = LAST_TOKEN.matcher(line);
                String previous = last.find() && !last.group(1).equals(encountered.group(1))
                        ? " after \"" + shorten(last.group(1)) + "\"" : "";
                return file + ":" + encountered.group(2) + ":" + encountered.group(3) + ": parse error: unexpected "
                        + found + previous + (expecting != null ? " (expecting " + expecting + ")" : "");
            }
            Matcher e = EXPECTING.matcher(line);
            if (e.matches()) {
                expecting = e.group(1);
            } else if (!line.isBlank()) {
                text.add(line);
            }
        }
        Matcher range = LINE_COLUMN.matcher(String.join(" ", text));
        String where = range.find() ? file + ":" + range.group(1) + ":" + range.group(2) : file.toString();
        return where + ": parse error" + (text.isEmpty() ? "" : ": " + String.join(" ", text))
                + (expecting != null ? " (expecting " + expecting + ")" : "");
    }

    /** A separator line as a token is 77 dashes: enough of it to recognise. */
    private static String shorten(String token) {
        return token.length() > 24 ? token.substring(0, 20) + "..." : token;
    }

    /** The cfg and, where TLC says or the message names something written in it, the line. */
    private static String cfgFailure(String error, Path cfg) {
        String message = error.replaceFirst("^TLC found an error in the configuration file at line \\d+\\s*", "");
        Matcher line = CFG_LINE.matcher(error);
        if (line.find()) {
            return cfg + ":" + line.group(1) + ": " + message;
        }
        Cfg cfgText;
        try {
            cfgText = new Cfg(Files.readString(cfg));
        } catch (IOException e) {
            return cfg + ": " + message;
        }
        Matcher id = IDENTIFIER.matcher(message);
        boolean first = true;
        while (id.find()) {
            // the names TLC quotes from the cfg have a capital letter; the sentence's first word is not one
            if (!first && !id.group().equals(id.group().toLowerCase(java.util.Locale.ROOT))) {
                int n = cfgText.lineOf(id.group());
                if (n > 0) {
                    return cfg + ":" + n + ": " + message;
                }
            }
            first = false;
        }
        return cfg + ": " + message;
    }

    /**
     * An error while TLC evaluated the spec: its message, at the expression's position: the one in the
     * message itself, else the innermost that TLC lists (first of its fingerprint stack, last of its nested
     * expressions) in one of the spec's own modules. Without a position (out of memory, say): TLC stopped.
     */
    private static String evaluationFailure(String error, TlcOutput out, Path tla) {
        List<String> where = new ArrayList<>();
        Matcher range = RANGE.matcher(error);
        if (range.find() && moduleFile(tla, range.group(3)) != null) {
            where.add(at(tla, range.group(3), range.group(1), range.group(2)));
        }
        out.withCode(TlcOutput.FINGERPRINT_STACK).forEach(m -> where.addAll(positions(tla, m.body())));
        for (TlcOutput.Message m : out.withCode(TlcOutput.NESTED_EXPRESSIONS)) {
            List<String> outermostFirst = positions(tla, m.body());
            java.util.Collections.reverse(outermostFirst);
            where.addAll(outermostFirst);
        }
        String message = RANGE.matcher(error).replaceAll("").replaceAll("\\s+", " ").strip();
        if (message.isEmpty()) {
            message = "an error of its own";
        }
        return where.isEmpty() ? tla + ": TLC stopped: " + message : where.get(0) + "TLC cannot evaluate this: " + message;
    }

    /** The positions TLC lists in a message, in its order, those in the spec's own modules only. */
    private static List<String> positions(Path tla, String body) {
        List<String> out = new ArrayList<>();
        Matcher m = NESTED.matcher(body);
        while (m.find()) {
            if (moduleFile(tla, m.group(3)) != null) {
                out.add(at(tla, m.group(3), m.group(1), m.group(2)));
            }
        }
        return out;
    }

    /** The first error TLC reported, without TLC's exception wrapper, on one line. */
    static String firstError(TlcOutput out) {
        return out.messages().stream().filter(m -> m.severity() == 1 || m.severity() == 2)
                .map(m -> clean(m.body())).findFirst().orElse("no error message");
    }

    /** Whether a plain line of SANY's or TLC's output is only a Java exception's name (no words for a user). */
    public static boolean isJavaExceptionName(String line) {
        return JAVA_EXCEPTION.matcher(line).matches();
    }

    /** TLC's text without the wrapper it puts around an exception in its own code (which names a Java class). */
    public static String clean(String body) {
        return WRAPPER.matcher(body).replaceFirst("").replaceAll("\\s+", " ").strip();
    }

    private static String at(Path tla, String module, String line, String column) {
        Path file = moduleFile(tla, module);
        return (file != null ? file : tla.resolveSibling(module + ".tla")) + ":" + line + ":" + column + ": ";
    }

    /** The module's file in the spec's directory, or null (a standard module). */
    private static Path moduleFile(Path tla, String module) {
        Path file = tla.resolveSibling(module + ".tla");
        return Files.isRegularFile(file) ? file : null;
    }

    /** The spec file and line that EXTENDS or INSTANCEs {@code module}, or just the root module. */
    private static String importedAt(Path tla, String module) {
        Pattern imports = Pattern.compile("\\b(EXTENDS|INSTANCE)\\b.*\\b" + Pattern.quote(module) + "\\b");
        try (Stream<Path> files = Files.list(tla.getParent())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".tla")).sorted().toList()) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    if (imports.matcher(lines.get(i)).find()) {
                        return f + ":" + (i + 1) + ": ";
                    }
                }
            }
        } catch (IOException e) {
            // the module's name is enough
        }
        return tla + ": ";
    }

    private static String nextNonBlank(List<String> lines, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                return lines.get(i).strip();
            }
        }
        return "semantic error";
    }
}
