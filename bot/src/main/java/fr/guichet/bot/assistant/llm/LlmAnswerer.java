package fr.guichet.bot.assistant.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import fr.guichet.bot.assistant.Answer;
import fr.guichet.bot.assistant.AnswerRequest;
import fr.guichet.bot.assistant.Answerer;
import fr.guichet.knowledge.catalogue.Entry;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers with a language model, from the retrieved entries only, and checks what it wrote:
 * every cited entry must have been retrieved, and every amount, percentage, date, link or
 * contact must be stated by a cited entry. Anything wrong, and the rule-based fallback
 * answers instead. Logs name the reason only: questions and answers are personal data.
 */
public final class LlmAnswerer implements Answerer {

    private static final Logger LOG = LoggerFactory.getLogger(LlmAnswerer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What would ping people on Discord: @everyone, @here, user/role/channel mentions. */
    private static final Pattern MENTIONS = Pattern.compile(
            "<@[!&]?\\d*>?|<#\\d+>|@(?:everyone|here)", Pattern.CASE_INSENSITIVE);

    /** Why an answer of the model was not used; the only thing logged. */
    enum Rejection {
        MODEL_TIMEOUT, MODEL_UNREACHABLE, MODEL_HTTP_ERROR, MODEL_ERROR, EMPTY_RESPONSE, MALFORMED_JSON,
        EMPTY_ANSWER, NO_CITATION, INVENTED_CITATION, INVENTED_AMOUNT, INVENTED_PERCENTAGE, INVENTED_DATE,
        INVENTED_LINK, INVENTED_CONTACT
    }

    private static final class Rejected extends Exception {
        final Rejection reason;
        final String detail;

        Rejected(Rejection reason) {
            this(reason, null);
        }

        Rejected(Rejection reason, String detail) {
            super(reason.name(), null, false, false);
            this.reason = reason;
            this.detail = detail;
        }
    }

    private final ChatModel model;
    private final Answerer fallback;

    public LlmAnswerer(ChatModel model, Answerer fallback) {
        this.model = Objects.requireNonNull(model, "model");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    @Override
    public Answer answer(AnswerRequest request) {
        if (request.entries().isEmpty()) {
            return fallback.answer(request);
        }
        try {
            return ask(request);
        } catch (Rejected r) {
            if (r.detail == null) {
                LOG.warn("LLM answer discarded, rule-based answer used: {}", r.reason);
            } else {
                LOG.warn("LLM answer discarded, rule-based answer used: {} ({})", r.reason, r.detail);
            }
            return fallback.answer(request);
        }
    }

    private Answer ask(AnswerRequest request) throws Rejected {
        Map<String, String> entryTexts = LlmPrompt.entryTexts(request);
        ChatRequest chatRequest = ChatRequest.builder()
                .messages(SystemMessage.from(LlmPrompt.SYSTEM),
                        UserMessage.from(LlmPrompt.userMessage(request, entryTexts)))
                .build();
        String reply = call(chatRequest);
        Parsed parsed = parse(reply);
        return check(parsed, request, entryTexts);
    }

    private String call(ChatRequest chatRequest) throws Rejected {
        ChatResponse response;
        try {
            response = model.chat(chatRequest);
        } catch (RuntimeException e) {
            throw classify(e);
        }
        AiMessage message = response == null ? null : response.aiMessage();
        if (message == null || message.text() == null || message.text().isBlank()) {
            throw new Rejected(Rejection.EMPTY_RESPONSE);
        }
        return message.text();
    }

    /** Only the kind of failure and the HTTP status: exception messages may echo the request. */
    private static Rejected classify(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpException http) {
                return new Rejected(Rejection.MODEL_HTTP_ERROR, "status " + http.statusCode());
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof HttpTimeoutException
                    || t instanceof java.net.SocketTimeoutException) {
                return new Rejected(Rejection.MODEL_TIMEOUT);
            }
            if (t instanceof ConnectException || t instanceof java.net.UnknownHostException) {
                return new Rejected(Rejection.MODEL_UNREACHABLE);
            }
            if (t instanceof InternalServerException || t instanceof RateLimitException
                    || t instanceof AuthenticationException) {
                return new Rejected(Rejection.MODEL_HTTP_ERROR, t.getClass().getSimpleName());
            }
        }
        return new Rejected(Rejection.MODEL_ERROR, e.getClass().getSimpleName());
    }

    private record Parsed(String answer, List<String> cited, boolean complex) {
    }

    /** The JSON object of the reply, tolerating a ```json fence or words around it. */
    private static Parsed parse(String reply) throws Rejected {
        String text = reply.strip();
        int start = text.indexOf('{');
        int end = text.lastIndexOf('}');
        if (start < 0 || end < start) {
            throw new Rejected(Rejection.MALFORMED_JSON);
        }
        JsonNode root;
        try {
            root = JSON.readTree(text.substring(start, end + 1));
        } catch (JsonProcessingException e) {
            throw new Rejected(Rejection.MALFORMED_JSON);
        }
        if (root == null || !root.isObject()) {
            throw new Rejected(Rejection.MALFORMED_JSON);
        }
        JsonNode answer = root.get("answer");
        JsonNode cited = root.get("cited");
        JsonNode complex = root.get("complex");
        if (answer == null || !answer.isTextual()) {
            throw new Rejected(Rejection.MALFORMED_JSON);
        }
        if (cited != null && !cited.isNull() && !cited.isArray()) {
            throw new Rejected(Rejection.MALFORMED_JSON);
        }
        if (complex != null && !complex.isNull() && !complex.isBoolean()) {
            throw new Rejected(Rejection.MALFORMED_JSON);
        }
        Set<String> ids = new LinkedHashSet<>();
        if (cited != null && cited.isArray()) {
            for (JsonNode id : cited) {
                if (!id.isTextual()) {
                    throw new Rejected(Rejection.MALFORMED_JSON);
                }
                if (!id.asText().isBlank()) {
                    ids.add(id.asText().strip());
                }
            }
        }
        return new Parsed(answer.asText(), new ArrayList<>(ids), complex != null && complex.asBoolean(false));
    }

    private static Answer check(Parsed parsed, AnswerRequest request, Map<String, String> entryTexts)
            throws Rejected {
        String text = withoutMentions(parsed.answer());
        if (text.isBlank()) {
            throw new Rejected(Rejection.EMPTY_ANSWER);
        }
        if (parsed.cited().isEmpty()) {
            throw new Rejected(Rejection.NO_CITATION);
        }
        if (!entryTexts.keySet().containsAll(parsed.cited())) {
            throw new Rejected(Rejection.INVENTED_CITATION);
        }
        Facts sources = Facts.of("");
        for (Entry entry : request.entries()) {
            if (parsed.cited().contains(entry.id())) {
                sources.add(entryTexts.get(entry.id()));
            }
        }
        Facts.Kind unsupported = Facts.of(text).unsupportedBy(sources);
        if (unsupported != null) {
            throw new Rejected(switch (unsupported) {
                case AMOUNT -> Rejection.INVENTED_AMOUNT;
                case PERCENTAGE -> Rejection.INVENTED_PERCENTAGE;
                case DATE -> Rejection.INVENTED_DATE;
                case LINK -> Rejection.INVENTED_LINK;
                case CONTACT -> Rejection.INVENTED_CONTACT;
            });
        }
        return new Answer(text, parsed.cited(), true, parsed.complex());
    }

    /** The answer is posted on Discord: no mass or personal pings, whatever the model wrote. */
    static String withoutMentions(String text) {
        String previous;
        String current = text;
        do {
            previous = current;
            current = MENTIONS.matcher(current).replaceAll("");
        } while (!current.equals(previous));
        return current.equals(text) ? text.strip() : current.replaceAll("[ \\t]{2,}", " ").strip();
    }
}
