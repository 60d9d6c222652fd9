package io.localtrust.x509;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DerMemoTest {
    @Test
    void equalBytesGetTheReadingAndOtherBytesDoNot() {
        DerMemo<String> memo = new DerMemo<>(8);
        assertThat(memo.put(new byte[] {0x30, 0x01, 0x05}, "a")).isEqualTo("a");
        assertThat(memo.get(new byte[] {0x30, 0x01, 0x05})).isEqualTo("a"); // a different array, equal bytes
        assertThat(memo.get(new byte[] {0x30, 0x01, 0x06})).isNull();
        assertThat(memo.get(new byte[] {0x30, 0x01})).isNull();
        // bytes above 0x7f are keys too (Latin-1: one char per byte, none merged)
        memo.put(new byte[] {(byte) 0x80, (byte) 0xff}, "high");
        assertThat(memo.get(new byte[] {(byte) 0x80, (byte) 0xff})).isEqualTo("high");
        assertThat(memo.get(new byte[] {(byte) 0x80, (byte) 0xfe})).isNull();
    }

    @Test
    void itStartsOverOnceFullAndNeverKeepsLargeEncodings() {
        DerMemo<Integer> memo = new DerMemo<>(4);
        for (int i = 0; i < 4; i++) {
            memo.put(new byte[] {(byte) i}, i);
        }
        assertThat(memo.get(new byte[] {3})).isEqualTo(3);
        memo.put(new byte[] {4}, 4); // the fifth: what was kept is dropped
        assertThat(memo.get(new byte[] {0})).isNull();
        assertThat(memo.get(new byte[] {4})).isEqualTo(4);

        byte[] large = new byte[DerMemo.MAX_BYTES + 1];
        assertThat(memo.put(large, 9)).isEqualTo(9);
        assertThat(memo.get(large)).isNull();
        byte[] atLimit = new byte[DerMemo.MAX_BYTES];
        memo.put(atLimit, 8);
        assertThat(memo.get(atLimit)).isEqualTo(8);
    }
}
