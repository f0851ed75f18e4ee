package fr.guichet.bot.assistant.llm;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.mistralai.MistralAiChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;

/** Builds the LangChain4j chat model that {@link LlmSettings} describe. */
public final class ChatModels {

    /** Low: the answer must restate the entries, not be creative. */
    static final double TEMPERATURE = 0.1;
    /**
     * No retry: a user is waiting, and the rule-based answer is ready. It also keeps
     * LangChain4j from logging retried failures, whose messages may echo the request.
     */
    static final int MAX_RETRIES = 0;
    static final String OLLAMA_DEFAULT_URL = "http://localhost:11434";

    private ChatModels() {
    }

    public static ChatModel create(LlmSettings settings) {
        return switch (settings.provider()) {
            case OPENAI -> openAi(settings);
            case MISTRAL -> mistral(settings);
            case OLLAMA -> ollama(settings);
        };
    }

    private static ChatModel openAi(LlmSettings settings) {
        OpenAiChatModel.OpenAiChatModelBuilder builder = OpenAiChatModel.builder()
                .modelName(settings.model())
                .temperature(TEMPERATURE)
                .responseFormat(ResponseFormat.JSON)
                .timeout(settings.timeout())
                .maxRetries(MAX_RETRIES)
                .logRequests(false)
                .logResponses(false);
        if (settings.baseUrl() != null) {
            builder.baseUrl(settings.baseUrl());
        }
        if (settings.apiKey() != null) {
            builder.apiKey(settings.apiKey());
        }
        return builder.build();
    }

    private static ChatModel mistral(LlmSettings settings) {
        MistralAiChatModel.MistralAiChatModelBuilder builder = MistralAiChatModel.builder()
                .modelName(settings.model())
                .apiKey(settings.apiKey())
                .temperature(TEMPERATURE)
                .responseFormat(ResponseFormat.JSON)
                .timeout(settings.timeout())
                .maxRetries(MAX_RETRIES)
                .logRequests(false)
                .logResponses(false);
        if (settings.baseUrl() != null) {
            builder.baseUrl(settings.baseUrl());
        }
        return builder.build();
    }

    private static ChatModel ollama(LlmSettings settings) {
        return OllamaChatModel.builder()
                .maxRetries(MAX_RETRIES)
                .baseUrl(settings.baseUrl() != null ? settings.baseUrl() : OLLAMA_DEFAULT_URL)
                .modelName(settings.model())
                .temperature(TEMPERATURE)
                .responseFormat(ResponseFormat.JSON)
                .timeout(settings.timeout())
                .logRequests(false)
                .logResponses(false)
                .build();
    }
}
