package io.localtrust.cli;

import io.localtrust.authority.Gateway;
import io.localtrust.authority.KeyCustodyException;
import io.localtrust.lint.keys.CompromisedKeyFiles;
import io.localtrust.lint.keys.CompromisedKeys;
import io.localtrust.lint.keys.KeyListException;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --dir} and {@code --db}: which gateway a command works on. */
final class GatewayDirOption {
    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "The gateway directory (made by `gateway init`).")
    Path dir;

    @Option(names = "--db", paramLabel = "JDBC-URL",
            description = "Use this PostgreSQL database instead of DIR/gateway.db (jdbc:postgresql://host:port/db).")
    String db;

    @Option(names = "--compromised-keys", paramLabel = "FILE",
            description = "Also refuse keys in this list (House of Keys CSV, SPKI SHA-256 list, openssl-blacklist); repeatable."
                    + " Lists in DIR/compromised-keys/ are always loaded.")
    List<Path> compromisedKeys = new ArrayList<>();

    Gateway open(Env env) {
        try {
            CompromisedKeys.Builder b = new CompromisedKeys.Builder();
            for (Path p : compromisedKeys) {
                b.addAll(CompromisedKeyFiles.load(p));
            }
            return Gateway.open(dir, db, b.build(), env.clock(), env.random());
        } catch (KeyCustodyException | KeyListException e) {
            throw new UserError(e.getMessage());
        }
    }
}
