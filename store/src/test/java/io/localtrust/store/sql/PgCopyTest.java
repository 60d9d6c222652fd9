package io.localtrust.store.sql;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The binary COPY encoding, byte for byte (PostgreSQL documentation, COPY, "Binary Format"); that the
 * server reads it as the rows it was given is {@code CertificateContract} on PostgreSQL.
 */
class PgCopyTest {

    @Test
    void encodesHeaderRowsAndTrailerAsPostgresqlReadsThem() {
        byte[] data = PgCopy.encode(5, List.of(
                new Object[] {"ab\u00e9", 1L, -2, new byte[] {0, (byte) 0xff}, null},
                new Object[] {"", Long.MIN_VALUE, Integer.MAX_VALUE, new byte[0], "x"}));

        String expected = ""
                + "5047434f50590aff0d0a00" // PGCOPY\n\377\r\n\0
                + "00000000" + "00000000" // flags, header extension length
                + "0005"
                + "00000004" + "6162c3a9" // text: UTF-8
                + "00000008" + "0000000000000001" // bigint
                + "00000004" + "fffffffe" // integer
                + "00000002" + "00ff" // bytea: the bytes as they are
                + "ffffffff" // NULL
                + "0005"
                + "00000000" // an empty string is not NULL
                + "00000008" + "8000000000000000"
                + "00000004" + "7fffffff"
                + "00000000"
                + "00000001" + "78"
                + "ffff"; // end of data
        assertThat(HexFormat.of().formatHex(data)).isEqualTo(expected);
    }

    @Test
    void noRowsIsHeaderAndTrailerOnly() {
        assertThat(HexFormat.of().formatHex(PgCopy.encode(1, List.of())))
                .isEqualTo("5047434f50590aff0d0a00" + "00000000" + "00000000" + "ffff");
    }

    @Test
    void refusesValuesItCannotWriteAndRowsOfTheWrongWidth() {
        assertThatThrownBy(() -> PgCopy.encode(1, List.<Object[]>of(new Object[] {1.5})))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("cannot copy a Double");
        assertThatThrownBy(() -> PgCopy.encode(2, List.<Object[]>of(new Object[] {"a", "b"}, new Object[] {"c"})))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("row 1 has 1 values for 2 columns");
        assertThatThrownBy(() -> PgCopy.encode(0, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theStatementNamesOnlyPlainIdentifiers() {
        assertThat(PgCopy.statement("audit", List.of("seq", "prev_hash")))
                .isEqualTo("COPY audit (seq, prev_hash) FROM STDIN (FORMAT binary)");
        for (List<String> bad : List.of(List.of("audit; DROP TABLE audit", "seq"), List.of("audit", "seq\""),
                List.of("audit", "Seq"), List.of("audit"))) {
            assertThatThrownBy(() -> PgCopy.statement(bad.getFirst(), bad.subList(1, bad.size())))
                    .as(Arrays.toString(bad.toArray())).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
