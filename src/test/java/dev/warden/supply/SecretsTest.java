package dev.warden.supply;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Recognising secrets by shape and name, and redacting them from everything printed. */
class SecretsTest {

    @ParameterizedTest
    @ValueSource(strings = {"ghp_q8Wm3Zx7Lp2Vn5Kr9Tb4Yc6Hd1Jf0aaaa", "sk-ant-api03-abcdefghijk", "xoxb-1234-5678-abcdefgh",
            "AKIAIOSFODNN7EXAMPLE", "glpat-abcdefghij123456", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig",
            "q8Wm3Zx7Lp2Vn5Kr9Tb4Yc6Hd1Jf0", "postgres://app:hunter22@db/app", "Bearer abcdefghijklmnop",
            "0123456789abcdef0123456789abcdef01234567"})
    void tokenShapedValuesAreSecrets(String v) {
        assertThat(Secrets.looksLikeToken(v)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"${GITHUB_TOKEN}", "mcp-server-time==0.6.2", "@modelcontextprotocol/server-everything@2026.8.31",
            "/usr/local/bin/server", "https://api.example.com/v1", "stdio", "--allowed-directories", "production",
            "Looks up a word in the dictionary", "node_modules/.bin/mcp-server-filesystem"})
    void ordinaryValuesAreNot(String v) {
        assertThat(Secrets.looksLikeToken(v)).isFalse();
    }

    @Test
    void namesSayWhenAValueIsSecret() {
        assertThat(Secrets.isSecretName("GITHUB_PERSONAL_ACCESS_TOKEN")).isTrue();
        assertThat(Secrets.isSecretName("OPENAI_API_KEY")).isTrue();
        assertThat(Secrets.isSecretName("db-password")).isTrue();
        assertThat(Secrets.isSecretName("EDITOR")).isFalse();
        assertThat(Secrets.isSecretName("SSH_AUTH_SOCK")).isFalse();
        assertThat(Secrets.isInlineSecret("DB_PASSWORD", "correct horse")).isTrue();
        assertThat(Secrets.isInlineSecret("DB_PASSWORD", "${DB_PASSWORD}")).isFalse();
        assertThat(Secrets.isInlineSecret("LOG_LEVEL", "debug")).isFalse();
    }

    @Test
    void redactionKeepsTheShapeAndDropsTheValue() {
        assertThat(Secrets.redactArg("--api-key=q8Wm3Zx7Lp2Vn5Kr9Tb4Yc6")).isEqualTo("--api-key=<redacted>");
        assertThat(Secrets.redactArg("--token=hunter2hunter2")).isEqualTo("--token=<redacted>");
        assertThat(Secrets.redactArg("DB_PASSWORD=weak")).isEqualTo("DB_PASSWORD=<redacted>");
        assertThat(Secrets.redactArg("--port=8080")).isEqualTo("--port=8080");
        assertThat(Secrets.redactText("curl -H \"Authorization: Bearer ghp_q8Wm3Zx7Lp2Vn5Kr9Tb4\" https://x"))
                .isEqualTo("curl -H \"Authorization: Bearer <redacted>\" https://x");
        assertThat(Secrets.redactUrl("https://u:pw1234@host/mcp?api_key=abc&mode=fast"))
                .isEqualTo("https://u:<redacted>@host/mcp?api_key=<redacted>&mode=fast");
    }
}
