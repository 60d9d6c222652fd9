package io.localtrust.store;

import io.localtrust.store.NameStore.NameBinding;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an issuance checks before it signs, read as of one moment: the device a key is bound to, and
 * the binding of each name asked for ({@link GatewayStore#keyAndNames}).
 *
 * @param device   the device bound to the key, if any
 * @param bindings each name asked for, with its binding if it has one
 */
public record KeyAndNames(Optional<DeviceRecord> device, Map<String, Optional<NameBinding>> bindings) {
    public KeyAndNames {
        Objects.requireNonNull(device, "device");
        bindings = Map.copyOf(bindings);
    }

    /** The binding of {@code name}, which must be one of the names asked for. */
    public Optional<NameBinding> binding(String name) {
        Optional<NameBinding> b = bindings.get(name);
        if (b == null) {
            throw new IllegalArgumentException(name + " was not asked for");
        }
        return b;
    }
}
