package fr.guichet.bot.assistant.llm;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How to reach the optional language model, read from environment variables. {@code baseUrl}
 * and {@code apiKey} are null when not given. {@link #toString()} never shows the key.
 */
public record LlmSettings(Provider provider, String model, String baseUrl, String apiKey, Duration timeout) {

    public static final String PROVIDER = "GUICHET_LLM_PROVIDER";
    public static final String MODEL = "GUICHET_LLM_MODEL";
    public static final String BASE_URL = "GUICHET_LLM_BASE_URL";
    public static final String API_KEY = "GUICHET_LLM_API_KEY";
    public static final String TIMEOUT_SECONDS = "GUICHET_LLM_TIMEOUT_SECONDS";

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
    private static final long MAX_TIMEOUT_SECONDS = 600;

    /** The kinds of API Guichet can talk to. */
    public enum Provider {
        /** OpenAI, or any server speaking its chat-completions API (with a base URL). */
        OPENAI("openai"),
        MISTRAL("mistral"),
        OLLAMA("ollama");

        private final String code;

        Provider(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        static Optional<Provider> fromCode(String code) {
            return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst();
        }
    }

    public LlmSettings {
        if (provider == null) {
            throw new IllegalArgumentException(PROVIDER + " : fournisseur manquant");
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException(MODEL + " : nom du modèle manquant (obligatoire pour le fournisseur "
                    + provider.code() + ")");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(TIMEOUT_SECONDS + " : le délai doit être un nombre de secondes positif");
        }
    }

    /**
     * The settings the variables describe, or empty when {@value #PROVIDER} is unset or blank
     * (no language model: the rule-based answers are used).
     *
     * @throws IllegalArgumentException naming the variable, in French, when a value is malformed
     */
    public static Optional<LlmSettings> fromEnvironment(Map<String, String> env) {
        String providerCode = value(env, PROVIDER);
        if (providerCode == null) {
            return Optional.empty();
        }
        Provider provider = Provider.fromCode(providerCode.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new IllegalArgumentException(PROVIDER + " : fournisseur inconnu « " + providerCode
                        + " » (valeurs possibles : " + Arrays.stream(Provider.values()).map(Provider::code)
                                .collect(Collectors.joining(", ")) + ")"));
        String model = value(env, MODEL);
        if (model == null) {
            throw new IllegalArgumentException(MODEL + " : nom du modèle manquant (obligatoire quand " + PROVIDER
                    + " vaut " + provider.code() + ")");
        }
        String baseUrl = value(env, BASE_URL);
        if (baseUrl != null) {
            checkUrl(baseUrl);
        }
        String apiKey = value(env, API_KEY);
        if (apiKey == null && provider == Provider.MISTRAL) {
            throw new IllegalArgumentException(API_KEY + " : clé d'API manquante (obligatoire pour mistral)");
        }
        if (apiKey == null && provider == Provider.OPENAI && baseUrl == null) {
            throw new IllegalArgumentException(API_KEY + " : clé d'API manquante (obligatoire pour openai sans "
                    + BASE_URL + ")");
        }
        return Optional.of(new LlmSettings(provider, model, baseUrl, apiKey, timeout(env)));
    }

    private static Duration timeout(Map<String, String> env) {
        String raw = value(env, TIMEOUT_SECONDS);
        if (raw == null) {
            return DEFAULT_TIMEOUT;
        }
        long seconds;
        try {
            seconds = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(TIMEOUT_SECONDS + " : nombre entier de secondes attendu (« " + raw
                    + " »)");
        }
        if (seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
            throw new IllegalArgumentException(TIMEOUT_SECONDS + " : le délai doit être compris entre 1 et "
                    + MAX_TIMEOUT_SECONDS + " secondes (« " + raw + " »)");
        }
        return Duration.ofSeconds(seconds);
    }

    private static void checkUrl(String baseUrl) {
        try {
            URI uri = new URI(baseUrl);
            String scheme = uri.getScheme();
            if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) || uri.getHost() == null) {
                throw new IllegalArgumentException(BASE_URL + " : adresse invalide « " + baseUrl
                        + " » (http:// ou https:// attendu)");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(BASE_URL + " : adresse invalide « " + baseUrl + " »");
        }
    }

    private static String value(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** An address with any {@code user:password@} part masked. */
    private static String withoutUserInfo(String url) {
        try {
            URI uri = new URI(url);
            return uri.getRawUserInfo() == null ? url : url.replace(uri.getRawUserInfo(), "****");
        } catch (URISyntaxException e) {
            return "****";
        }
    }

    /** Never shows the key, only whether there is one. */
    @Override
    public String toString() {
        return "LlmSettings[provider=" + provider.code() + ", model=" + model + ", baseUrl="
                + (baseUrl == null ? "(défaut)" : withoutUserInfo(baseUrl)) + ", apiKey=" + (apiKey == null ? "(aucune)" : "****")
                + ", timeout=" + timeout.toSeconds() + "s]";
    }
}
