package fr.guichet.bot.assistant.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.guichet.bot.assistant.llm.LlmSettings.Provider;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LlmSettingsTest {

    private static final String KEY = "sk-tres-secret-123456";

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    private static String failure(Map<String, String> env) {
        return assertThrows(IllegalArgumentException.class, () -> LlmSettings.fromEnvironment(env)).getMessage();
    }

    @Test
    void noProviderMeansNoLanguageModel() {
        assertEquals(Optional.empty(), LlmSettings.fromEnvironment(Map.of()));
        assertEquals(Optional.empty(), LlmSettings.fromEnvironment(env(LlmSettings.PROVIDER, "")));
        assertEquals(Optional.empty(), LlmSettings.fromEnvironment(env(LlmSettings.PROVIDER, "  ",
                LlmSettings.MODEL, "gpt-4o-mini")));
    }

    @Test
    void readsAnOpenAiCompatibleServer() {
        LlmSettings s = LlmSettings.fromEnvironment(env(LlmSettings.PROVIDER, "openai", LlmSettings.MODEL,
                "gpt-4o-mini", LlmSettings.BASE_URL, "http://127.0.0.1:8080/v1", LlmSettings.API_KEY, KEY,
                LlmSettings.TIMEOUT_SECONDS, "7")).orElseThrow();

        assertEquals(Provider.OPENAI, s.provider());
        assertEquals("gpt-4o-mini", s.model());
        assertEquals("http://127.0.0.1:8080/v1", s.baseUrl());
        assertEquals(KEY, s.apiKey());
        assertEquals(Duration.ofSeconds(7), s.timeout());
    }

    @Test
    void readsMistralWithTheDefaultTimeout() {
        LlmSettings s = LlmSettings.fromEnvironment(env(LlmSettings.PROVIDER, " Mistral ", LlmSettings.MODEL,
                "mistral-small-latest", LlmSettings.API_KEY, KEY)).orElseThrow();

        assertEquals(Provider.MISTRAL, s.provider());
        assertNull(s.baseUrl());
        assertEquals(Duration.ofSeconds(20), s.timeout());
    }

    @Test
    void readsOllamaWithoutKeyNorAddress() {
        LlmSettings s = LlmSettings.fromEnvironment(env(LlmSettings.PROVIDER, "ollama", LlmSettings.MODEL,
                "mistral-nemo", LlmSettings.TIMEOUT_SECONDS, "")).orElseThrow();

        assertEquals(Provider.OLLAMA, s.provider());
        assertNull(s.apiKey());
        assertNull(s.baseUrl());
        assertEquals(LlmSettings.DEFAULT_TIMEOUT, s.timeout());
    }

    @Test
    void anUnknownProviderNamesTheVariable() {
        String message = failure(env(LlmSettings.PROVIDER, "claude", LlmSettings.MODEL, "m"));

        assertTrue(message.startsWith("GUICHET_LLM_PROVIDER"), message);
        assertTrue(message.contains("claude") && message.contains("openai, mistral, ollama"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"vingt", "20s", "1.5", "0", "-3", "100000"})
    void aBadTimeoutNamesTheVariable(String timeout) {
        String message = failure(env(LlmSettings.PROVIDER, "ollama", LlmSettings.MODEL, "m",
                LlmSettings.TIMEOUT_SECONDS, timeout));

        assertTrue(message.startsWith("GUICHET_LLM_TIMEOUT_SECONDS"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "mistral", "ollama"})
    void aMissingModelNamesTheVariable(String provider) {
        String message = failure(env(LlmSettings.PROVIDER, provider, LlmSettings.API_KEY, KEY));

        assertTrue(message.startsWith("GUICHET_LLM_MODEL"), message);
        assertFalse(message.contains(KEY), message);
    }

    @Test
    void aMissingKeyNamesTheVariableWhereOneIsNeeded() {
        assertTrue(failure(env(LlmSettings.PROVIDER, "mistral", LlmSettings.MODEL, "m"))
                .startsWith("GUICHET_LLM_API_KEY"));
        assertTrue(failure(env(LlmSettings.PROVIDER, "openai", LlmSettings.MODEL, "m"))
                .startsWith("GUICHET_LLM_API_KEY"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:11434", "ftp://host/v1", "http://", "http://exa mple.org"})
    void aBadAddressNamesTheVariable(String url) {
        String message = failure(env(LlmSettings.PROVIDER, "ollama", LlmSettings.MODEL, "m",
                LlmSettings.BASE_URL, url));

        assertTrue(message.startsWith("GUICHET_LLM_BASE_URL"), message);
    }

    @Test
    void toStringMasksTheKey() {
        LlmSettings s = LlmSettings.fromEnvironment(env(LlmSettings.PROVIDER, "openai", LlmSettings.MODEL,
                "gpt-4o-mini", LlmSettings.BASE_URL, "https://user:motdepasse@llm.example.org/v1",
                LlmSettings.API_KEY, KEY)).orElseThrow();

        String shown = s.toString();
        assertFalse(shown.contains(KEY), shown);
        assertFalse(shown.contains("sk-"), shown);
        assertFalse(shown.contains("motdepasse"), shown);
        assertTrue(shown.contains("apiKey=****") && shown.contains("gpt-4o-mini") && shown.contains("openai"), shown);
    }

    @Test
    void theBuiltModelMatchesTheProvider() {
        assertEquals("OpenAiChatModel", ChatModels.create(LlmSettings.fromEnvironment(env(LlmSettings.PROVIDER,
                "openai", LlmSettings.MODEL, "m", LlmSettings.API_KEY, KEY)).orElseThrow()).getClass().getSimpleName());
        assertEquals("MistralAiChatModel", ChatModels.create(LlmSettings.fromEnvironment(env(LlmSettings.PROVIDER,
                "mistral", LlmSettings.MODEL, "m", LlmSettings.API_KEY, KEY)).orElseThrow()).getClass()
                .getSimpleName());
        assertEquals("OllamaChatModel", ChatModels.create(LlmSettings.fromEnvironment(env(LlmSettings.PROVIDER,
                "ollama", LlmSettings.MODEL, "m")).orElseThrow()).getClass().getSimpleName());
    }
}
