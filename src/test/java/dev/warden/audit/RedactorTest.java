package dev.warden.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Secrets become typed, keyed markers; ordinary text stays; hostile text costs linear time. */
class RedactorTest {

    private final Redactor r = Redactor.withKey("0123456789abcdef0123456789abcdef".getBytes());

    static final String GH = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
    static final String AWS_ID = "AKIA" + "IOSFODNN7EXAMPLE";
    static final String AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String SLACK = "xoxb-" + "123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx";
    static final String STRIPE = "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc";
    static final String GOOGLE = "AIza" + "SyA-1234567890abcdefghijklmnopqrstu";
    static final String OPENAI = "sk-proj-" + "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z";
    static final String ANTHROPIC = "sk-ant-api03-" + "Xy7Zq2Wv9Ut4Sr1Qp6On3Ml8Kj5Ih0Gf";
    static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
    static final String PEM = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\nVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n-----END RSA PRIVATE KEY-----";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "github-token|git clone https://x:" + "ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8" + "@github.com/o/r",
        "github-token|export GH=ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8 && gh pr list",
        "aws-access-key|aws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE",
        "slack-token|curl -H x xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
        "stripe-key|STRIPE=sk_live_4eC39HqLyjWDarjtT1zdp7dc",
        "google-api-key|key=AIzaSyA-1234567890abcdefghijklmnopqrstu",
        "openai-key|OPENAI_API_KEY sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z done",
        "anthropic-key|use sk-ant-api03-Xy7Zq2Wv9Ut4Sr1Qp6On3Ml8Kj5Ih0Gf now",
    })
    void wellKnownTokensAreFoundByType(String type, String text) {
        String out = r.redact(text);
        assertThat(out).contains("[REDACTED:" + type + ":hmac=");
        assertThat(r.find(text)).extracting(Redactor.Match::type).contains(type);
    }

    @Test
    void eachPlantedSecretIsGoneFromTheOutput() {
        for (String s : List.of(GH, AWS_ID, AWS_SECRET, SLACK, STRIPE, GOOGLE, OPENAI, ANTHROPIC, JWT, PEM)) {
            String text = "before " + s + " after";
            assertThat(r.redact(text)).as(s).doesNotContain(s).startsWith("before ").endsWith(" after");
        }
    }

    @Test
    void assignmentsHeadersAndConnectionStringsLoseTheirSecretPart() {
        assertThat(r.redact("psql postgres://app:s3cretPass@db.internal:5432/prod"))
                .startsWith("psql postgres://app:[REDACTED:connection-password:hmac=").endsWith("@db.internal:5432/prod");
        assertThat(r.redact("mysql --password=hunter22 -u root")).doesNotContain("hunter22").contains("[REDACTED:password:");
        assertThat(r.redact("DB_PASSWORD=\"correct horse\"")).doesNotContain("correct horse");
        assertThat(r.redact("{\"api_key\": \"abc123def456\"}")).doesNotContain("abc123def456");
        assertThat(r.redact("client_secret: zzTopSecretValue")).doesNotContain("zzTopSecretValue");
        assertThat(r.redact("curl -H 'Authorization: Basic dXNlcjpwYXNz' x")).doesNotContain("dXNlcjpwYXNz");
        assertThat(r.redact("Authorization: Bearer abc.def.ghi12345")).doesNotContain("abc.def.ghi12345");
        assertThat(r.redact("--token s3cr3t-t0k3n value")).doesNotContain("s3cr3t-t0k3n");
        assertThat(r.redact("aws_secret_access_key = " + AWS_SECRET)).contains("[REDACTED:aws-secret-key:");
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        for (String s : List.of(
                "git push --force origin main",
                "ls -la /home/dev/project/src/main/java/dev/warden",
                "commit 3f9a1c2b7d4e5f60718293a4b5c6d7e8f9012345",
                "session 58ae1094-b8b7-4b01-b8af-65bc046d9ba2",
                "max_tokens=4096 tokenizer=bpe",
                "echo $PASSWORD_FILE",
                "password=$DB_PASSWORD")) {
            assertThat(r.redact(s)).as(s).isEqualTo(s);
        }
    }

    @Test
    void equalSecretsGiveEqualMarkersAndOtherKeysGiveOtherMarkers() {
        String a = r.redact("token=" + GH);
        String b = r.redact("x " + GH + " y");
        assertThat(a.substring(a.indexOf("hmac="))).startsWith(b.substring(b.indexOf("hmac="), b.indexOf(']') ));
        Redactor other = Redactor.withKey("another-installation-key-000000".getBytes());
        assertThat(other.redact(GH)).isNotEqualTo(r.redact(GH));
    }

    @Test
    void redactionIsIdempotent() {
        String once = r.redact("password=hunter22 " + GH + " " + JWT);
        assertThat(r.redact(once)).isEqualTo(once);
    }

    @Test
    void textDressedAsAMarkerHidesNothing() {
        assertThat(r.redact("[REDACTED:x " + GH + " ]")).doesNotContain(GH);
    }

    @Test
    void structuredValuesAreRedactedBySecretLookingKeysToo() {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("command", "deploy --token abcdefgh12345678");
        in.put("password", "short");
        in.put("headers", Map.of("Authorization", "Basic abc"));
        in.put("list", List.of(GH, 3, true));
        Map<String, Object> out = r.redactMap(in);
        String text = CanonicalJson.write(out);
        assertThat(text).doesNotContain("abcdefgh12345678").doesNotContain("short").doesNotContain("Basic abc").doesNotContain(GH)
                .contains("3,true");
    }

    @Test
    void hostileInputsAreScannedInLinearTime() {
        List<String> hostile = List.of(
                "a".repeat(400_000),
                "password=".repeat(50_000),
                "://".repeat(100_000),
                "eyJ.".repeat(100_000),
                "-----BEGIN ".repeat(40_000),
                "ghp_".repeat(100_000),
                "Bearer ".repeat(60_000),
                "aB3".repeat(130_000));
        for (String s : hostile) {
            long t0 = System.nanoTime();
            r.redact(s);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("%s...", s.substring(0, 12)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void anUnterminatedPrivateKeyIsRedactedToTheEnd() {
        String s = "here: -----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ";
        assertThat(r.redact(s)).isEqualTo("here: " + r.marker("private-key", s.substring(6)));
    }
}
