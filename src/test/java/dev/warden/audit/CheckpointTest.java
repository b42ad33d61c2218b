package dev.warden.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.call.WardenException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** C2SP signed-note / tlog-checkpoint text, Ed25519 key ids, and every malformed form rejected by name. */
class CheckpointTest {

    @TempDir
    Path home;

    @Test
    void theC2spExampleParses() throws Exception {
        String note;
        try (InputStream in = getClass().getResourceAsStream("/audit/c2sp-checkpoint-example.txt")) {
            note = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Checkpoint cp = Checkpoint.parse(note);
        assertThat(cp.origin()).isEqualTo("example.com/behind-the-sofa");
        assertThat(cp.size()).isEqualTo(20852163);
        assertThat(cp.rootBase64()).isEqualTo("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=");
        assertThat(cp.signatures()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("example.com/behind-the-sofa");
            assertThat(s.sig()).hasSize(64);
        });
    }

    @Test
    void keyIdIsTheFirstFourBytesOfSha256OverNameNewlineTypeAndKey() throws Exception {
        LogKey k = AuditKeys.signingKey(home);
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(k.name().getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0x0A);
        md.update((byte) 0x01);
        md.update(k.publicKey());
        byte[] h = md.digest();
        assertThat(k.keyId()).isEqualTo(java.nio.ByteBuffer.wrap(h).getInt());
        assertThat(k.vkey()).startsWith(k.name() + "+" + k.keyIdHex() + "+");
        assertThat(LogKey.parseVkey(k.vkey()).keyId()).isEqualTo(k.keyId());
    }

    @Test
    void signedCheckpointHasTheExactTextLayoutAndVerifies() {
        LogKey k = AuditKeys.signingKey(home);
        byte[] root = Merkle.leafHash(new byte[] {1});
        Checkpoint cp = Checkpoint.sign(k, 42, root);
        String[] lines = cp.text().split("\n", -1);
        assertThat(lines[0]).isEqualTo(k.name());
        assertThat(lines[1]).isEqualTo("42");
        assertThat(lines[2]).isEqualTo(Base64.getEncoder().encodeToString(root));
        assertThat(lines[3]).isEmpty();
        assertThat(lines[4]).startsWith("\u2014 " + k.name() + " ");
        byte[] sig = Base64.getDecoder().decode(lines[4].substring(lines[4].lastIndexOf(' ') + 1));
        assertThat(sig).hasSize(68);
        assertThat(Arrays.copyOf(sig, 4)).isEqualTo(java.nio.ByteBuffer.allocate(4).putInt(k.keyId()).array());
        assertThat(cp.text()).endsWith("\n");
        assertThat(cp.signedBy(LogKey.parseVkey(k.vkey()))).isTrue();
        assertThat(Checkpoint.parse(cp.text())).isEqualTo(cp);
    }

    @Test
    void aChangedSizeOrRootBreaksTheSignature() {
        LogKey k = AuditKeys.signingKey(home);
        Checkpoint cp = Checkpoint.sign(k, 42, Merkle.leafHash(new byte[] {1}));
        Checkpoint bigger = Checkpoint.parse(cp.text().replaceFirst("\n42\n", "\n43\n"));
        assertThat(bigger.signedBy(k)).isFalse();
    }

    @Test
    void aCheckpointFromAnotherKeyIsNotSignedByOurs(@TempDir Path other) {
        LogKey ours = AuditKeys.signingKey(home);
        LogKey theirs = AuditKeys.signingKey(other);
        Checkpoint cp = Checkpoint.sign(theirs, 1, Merkle.leafHash(new byte[] {1}));
        assertThat(cp.signedBy(ours)).isFalse();
        assertThat(cp.claimsKey(ours)).isFalse();
    }

    @Test
    void malformedNotesAreRejectedWithTheProblemNamed() {
        String good = Checkpoint.sign(AuditKeys.signingKey(home), 3, Merkle.EMPTY_ROOT).text();
        assertRejected("", "no blank line");
        assertRejected("random garbage\u0001", "control character");
        assertRejected(good.replaceFirst("\n3\n", "\n03\n"), "tree size");
        assertRejected(good.replaceFirst("\n3\n", "\n-3\n"), "tree size");
        assertRejected(good.replaceFirst("\n3\n", "\n99999999999999999999\n"), "tree size");
        String[] l = good.split("\n");
        assertRejected(l[0] + "\n" + l[1] + "\n" + "not!base64" + "\n\n" + l[4] + "\n", "base64");
        assertRejected(l[0] + "\n" + l[1] + "\n" + "AAAA" + "\n\n" + l[4] + "\n", "32");
        assertRejected(l[0] + "\n" + l[1] + "\n\n" + l[4] + "\n", "three lines");
        assertRejected(good.replace("\u2014", "--"), "em dash");
        assertRejected(l[0] + "\n" + l[1] + "\n" + l[2] + "\n\n", "no signature");
        assertRejected("x".repeat(70_000), "larger");
    }

    private static void assertRejected(String note, String words) {
        assertThatThrownBy(() -> Checkpoint.parse(note)).isInstanceOf(WardenException.class)
                .hasMessageContaining(words)
                .satisfies(e -> assertThat(((WardenException) e).kind()).isEqualTo(WardenException.Kind.INVALID_INPUT));
    }

    @Test
    void malformedVerifierKeysAreRejected() {
        assertThatThrownBy(() -> LogKey.parseVkey("nonsense")).isInstanceOf(WardenException.class);
        LogKey k = AuditKeys.signingKey(home);
        String wrongId = k.name() + "+00000000+" + k.vkey().substring(k.vkey().lastIndexOf('+') + 1);
        assertThatThrownBy(() -> LogKey.parseVkey(k.vkey().replace(k.keyIdHex(), "00000000")))
                .isInstanceOf(WardenException.class).hasMessageContaining("does not match");
        assertThat(wrongId).isNotEmpty();
    }
}
