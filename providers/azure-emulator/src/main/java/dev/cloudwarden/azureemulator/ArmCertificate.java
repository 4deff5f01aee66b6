package dev.cloudwarden.azureemulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for {@code 127.0.0.1}, made fresh for one server by the JDK's own {@code keytool} (the
 * JDK has no public API that signs a certificate): an EC P-256 key pair in a PKCS#12 key store, the certificate's
 * subject alternative name the IP address, so clients that check host names accept it. The certificate is also
 * written as PEM, for clients that take a CA file, and as an {@link SSLContext} that trusts it and nothing else.
 *
 * <p>The files live in a directory of their own under the system's temporary directory; {@link #delete()} removes it.
 */
final class ArmCertificate {
    private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

    final Path directory;
    final Path keyStore;
    final String password;
    final Path pem;
    final SSLContext sslContext;

    private ArmCertificate(Path directory, Path keyStore, String password, Path pem, SSLContext sslContext) {
        this.directory = directory;
        this.keyStore = keyStore;
        this.password = password;
        this.pem = pem;
        this.sslContext = sslContext;
    }

    static ArmCertificate generate() {
        Path directory = null;
        try {
            directory = Files.createTempDirectory("cloudwarden-armserver-");
            Path keyStore = directory.resolve("armserver.p12");
            byte[] secret = new byte[16];
            new SecureRandom().nextBytes(secret);
            String password = HexFormat.of().formatHex(secret);
            runKeytool(keyStore, password);

            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                store.load(in, password.toCharArray());
            }
            Certificate certificate = store.getCertificate("armserver");
            Path pem = directory.resolve("armserver-ca.pem");
            Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n", StandardCharsets.US_ASCII);

            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("armserver", certificate);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return new ArmCertificate(directory, keyStore, password, pem, context);
        } catch (IOException e) {
            deleteQuietly(directory);
            throw new UncheckedIOException("could not make the ArmServer's certificate: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            deleteQuietly(directory);
            throw new IllegalStateException("could not read the ArmServer's certificate: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(directory);
            throw e;
        }
    }

    void delete() {
        deleteQuietly(directory);
    }

    private static void runKeytool(Path keyStore, String password) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin",
                System.getProperty("os.name").startsWith("Windows") ? "keytool.exe" : "keytool");
        List<String> command = List.of(keytool.toString(), "-genkeypair", "-noprompt",
                "-alias", "armserver", "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                "-dname", "CN=127.0.0.1, O=cloudwarden ArmServer", "-ext", "SAN=ip:127.0.0.1", "-validity", "7",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", password, "-keypass", password);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            process.getOutputStream().close();
            if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool did not finish within " + KEYTOOL_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while keytool made the ArmServer's certificate", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0 || !Files.isRegularFile(keyStore)) {
            throw new IllegalStateException("keytool (" + keytool + ") failed with exit code " + process.exitValue()
                    + ": " + output.strip());
        }
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // a temporary directory left behind is harmless; the server's work is done
        }
    }
}
