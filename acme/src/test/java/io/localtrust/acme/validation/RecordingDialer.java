package io.localtrust.acme.validation;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real TCP dialer that remembers every address it was asked to connect to. */
final class RecordingDialer implements Dialer {
    private final List<InetSocketAddress> dialed = new CopyOnWriteArrayList<>();

    @Override
    public Socket connect(InetSocketAddress address, Duration timeout) throws IOException {
        dialed.add(address);
        return Dialer.tcp().connect(address, timeout);
    }

    List<InetSocketAddress> dialed() {
        return List.copyOf(dialed);
    }
}
