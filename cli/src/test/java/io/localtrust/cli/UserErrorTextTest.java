package io.localtrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one place user errors are rendered keeps them to one line a person can read. */
class UserErrorTextTest {

    @Test
    void dropsLibraryExceptionNamesPassedThroughFromLowerLayers() {
        assertThat(Main.userText("a.der: not a certificate (malformed ASN.1: IOException: long form definite-length more than 31 bits)"))
                .isEqualTo("a.der: not a certificate (malformed ASN.1: long form definite-length more than 31 bits)");
        assertThat(Main.userText("x: EOFException: DEF length 5 object truncated by 3"))
                .isEqualTo("x: DEF length 5 object truncated by 3");
    }

    @Test
    void foldsLineBreaksIntoOneLine() {
        assertThat(Main.userText("keys.txt: cannot read (\nStream closed\n)")).isEqualTo("keys.txt: cannot read ( Stream closed )");
    }

    @Test
    void leavesOrdinaryMessagesAlone() {
        String m = "printer.pem: chain loops: certificate 2 repeats certificate 1 ('Error Reporting Service')";
        assertThat(Main.userText(m)).isEqualTo(m);
    }
}
