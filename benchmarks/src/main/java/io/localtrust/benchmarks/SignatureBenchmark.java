package io.localtrust.benchmarks;

import io.localtrust.x509.BouncyCastle;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * ECDSA P-256 with SHA-256, signing and verifying a 600-byte message (a device certificate's
 * size), in the JDK's SunEC, in Bouncy Castle and in Conscrypt (BoringSSL, native), each with its own key objects: which provider
 * the authority uses to sign device certificates (Bouncy Castle: {@code SigningKey}) and to check
 * CSR signatures (Bouncy Castle: {@code CsrCheck}), and what a CSR check costs against a signature.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class SignatureBenchmark {
    @Param({"SunEC", "BC", "Conscrypt"})
    String provider;

    KeyPair key;
    byte[] message = new byte[600];
    byte[] signature;
    SecureRandom random = new SecureRandom();
    Signature signer;
    Signature verifier;
    byte[] spki;
    java.security.KeyFactory keyFactory;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        // each provider with its own key objects: a provider fed another's key converts it on every call
        java.security.Provider p = switch (provider) {
            case "BC" -> BouncyCastle.provider();
            case "Conscrypt" -> org.conscrypt.Conscrypt.newProvider(); // what the authority uses where it loads
            default -> java.security.Security.getProvider(provider);
        };
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", p);
        g.initialize(new ECGenParameterSpec("secp256r1"));
        key = g.generateKeyPair();
        random.nextBytes(message);
        signer = Signature.getInstance("SHA256withECDSA", p);
        verifier = Signature.getInstance("SHA256withECDSA", p);
        signature = sign();
        spki = key.getPublic().getEncoded();
        keyFactory = java.security.KeyFactory.getInstance("EC", p);
    }

    @Benchmark
    public byte[] sign() throws Exception {
        signer.initSign(key.getPrivate(), random);
        signer.update(message);
        return signer.sign();
    }

    /**
     * Verifying with a key decoded from its SubjectPublicKeyInfo on every call, as a CSR check does
     * (each CSR brings a key never seen before, so no per-key precomputation is reused).
     */
    @Benchmark
    public boolean verifyFreshKey() throws Exception {
        java.security.PublicKey fresh = keyFactory.generatePublic(new java.security.spec.X509EncodedKeySpec(spki));
        verifier.initVerify(fresh);
        verifier.update(message);
        return verifier.verify(signature);
    }

    @Benchmark
    public boolean verify() throws Exception {
        verifier.initVerify(key.getPublic());
        verifier.update(message);
        return verifier.verify(signature);
    }
}
