package io.localtrust.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import picocli.CommandLine;

/** Entry point and composition root of the {@code localtrust} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // logback's set-up (~90 ms of a cold start: its ServiceLoader lookups and classes) runs beside the
        // command's picocli model; a logger asked for meanwhile is SLF4J's substitute until it is done
        Thread logging = Thread.ofPlatform().name("log-setup").start(() -> Logging.configure(args));
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(new Env(Clock.systemUTC(), new SecureRandom(), out, err), args, logging);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command line; returns the exit code. Tests call this with their own {@link Env}. */
    public static int run(Env env, String... args) {
        return run(env, args, null);
    }

    private static int run(Env env, String[] args, Thread logSetup) {
        boolean debug = Logging.debug(args);
        CommandLine cl = CommandTree.forArgs(env, args);
        if (logSetup != null) {
            joinUninterruptibly(logSetup);
        }
        cl.setOut(env.out());
        cl.setErr(env.err());
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            if (ex instanceof Refused) {
                env.err().println("localtrust: refused: " + userText(ex.getMessage()));
                return 3;
            }
            if (ex instanceof UserError) {
                env.err().println("localtrust: " + userText(ex.getMessage()));
                return 2;
            }
            env.err().println("localtrust: internal error: " + oneLine(ex)
                    + (debug ? "" : " (re-run with --debug for details)"));
            if (debug) {
                ex.printStackTrace(env.err());
            }
            return 1;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            env.err().println("localtrust: " + ex.getMessage());
            env.err().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return 2;
        });
        return cl.execute(args);
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A user error as one line without library exception names: lower layers sometimes pass a
     * library's "IOException: …" through, which tells a user nothing.
     */
    static String userText(String message) {
        return message.replaceAll("\\b[A-Z][A-Za-z0-9_$]*(Exception|Error): ", "").replaceAll("\\s+", " ").trim();
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s+", " ");
    }
}
