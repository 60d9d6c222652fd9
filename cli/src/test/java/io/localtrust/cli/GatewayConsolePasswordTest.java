package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.login.PasswordHash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console password at {@code gateway init} and {@code gateway console-password}: hashed, 0600, bad input refused with nothing made. */
class GatewayConsolePasswordTest {
    @TempDir
    Path tmp;

    private Cli.Result init(Path dir, String... extra) throws Exception {
        Files.writeString(tmp.resolve("pass.txt"), "a long enough passphrase\n");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("gateway", "init", "--dir", dir.toString(),
                "--passphrase-file", tmp.resolve("pass.txt").toString()));
        args.addAll(java.util.List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void initMakesARandomPasswordShownOnceAndStoresOnlyItsHash() throws Exception {
        Path dir = tmp.resolve("gw");
        Cli.Result r = init(dir);
        assertThat(r.exit()).as(r.err()).isZero();
        Matcher m = Pattern.compile("Console password:  ([a-z2-9]{20})  \\(shown once").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        Path file = dir.resolve("console-password");
        String hash = Files.readString(file).trim();
        assertThat(hash).startsWith("$argon2id$").doesNotContain(m.group(1));
        assertThat(PasswordHash.verify(m.group(1).toCharArray(), hash)).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(dir.resolve("gateway.json"))).doesNotContain(m.group(1)).doesNotContain("argon2");
    }

    @Test
    void initRefusesAShortPasswordBeforeMakingAnything() throws Exception {
        Files.writeString(tmp.resolve("short.txt"), "too short\n");
        Path dir = tmp.resolve("gw");
        Cli.Result r = init(dir, "--console-password-file", tmp.resolve("short.txt").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1).first().asString().contains("at least 10 characters");
        assertThat(dir).doesNotExist();
    }

    @Test
    void consolePasswordResetsAndRefusesBadInput() throws Exception {
        Path dir = tmp.resolve("gw");
        assertThat(init(dir).exit()).isZero();
        Files.writeString(tmp.resolve("new.txt"), "a brand new console password\n");
        Cli.Result set = Cli.run("gateway", "console-password", "--dir", dir.toString(), "--password-file",
                tmp.resolve("new.txt").toString());
        assertThat(set.exit()).as(set.err()).isZero();
        assertThat(set.out()).contains("set (stored only as a hash)").doesNotContain("brand new");
        assertThat(PasswordHash.verify("a brand new console password".toCharArray(), Files.readString(dir.resolve("console-password"))))
                .isTrue();

        Cli.Result generated = Cli.run("gateway", "console-password", "--dir", dir.toString(), "--generate");
        Matcher m = Pattern.compile("set: ([a-z2-9]{20}) ").matcher(generated.out());
        assertThat(m.find()).as(generated.out()).isTrue();
        assertThat(PasswordHash.verify(m.group(1).toCharArray(), Files.readString(dir.resolve("console-password")))).isTrue();

        String before = Files.readString(dir.resolve("console-password"));
        Files.writeString(tmp.resolve("short.txt"), "short\n");
        Cli.Result tooShort = Cli.run("gateway", "console-password", "--dir", dir.toString(), "--password-file",
                tmp.resolve("short.txt").toString());
        assertThat(tooShort.exit()).isEqualTo(2);
        assertThat(tooShort.err()).contains("at least 10 characters");
        assertThat(Files.readString(dir.resolve("console-password"))).isEqualTo(before);

        Cli.Result notAGateway = Cli.run("gateway", "console-password", "--dir", tmp.toString(), "--generate");
        assertThat(notAGateway.exit()).isEqualTo(2);
        assertThat(notAGateway.err()).contains("not a gateway directory");
        assertThat(tmp.resolve("console-password")).doesNotExist();
    }
}
