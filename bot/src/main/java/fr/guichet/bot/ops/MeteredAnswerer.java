package fr.guichet.bot.ops;

import fr.guichet.bot.assistant.Answer;
import fr.guichet.bot.assistant.AnswerRequest;
import fr.guichet.bot.assistant.Answerer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;

/**
 * The LLM answerer, counted: each call, and whether the model's text was used ({@code llm}) or
 * the rule-based answer replaced it ({@code fallback}: timeout, refusal of the checks…), as
 * {@code LlmAnswerer} decided; {@code error} when the answerer itself threw (the assistant then
 * falls back too). A request with no entry calls no model and is not counted.
 */
final class MeteredAnswerer implements Answerer {
    private final Answerer delegate;
    private final MeterRegistry registry;

    MeteredAnswerer(Answerer delegate, MeterRegistry registry) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public Answer answer(AnswerRequest request) {
        if (request.entries().isEmpty()) {
            return delegate.answer(request);
        }
        long start = System.nanoTime();
        String result = "error";
        try {
            Answer answer = delegate.answer(request);
            result = answer.fromLlm() ? "llm" : "fallback";
            return answer;
        } finally {
            Counter.builder("guichet.llm.calls").description("Answers asked of the LLM, by what was used")
                    .tag("result", result).register(registry).increment();
            Timer.builder("guichet.llm.duration").description("Time spent composing an answer with the LLM")
                    .register(registry).record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }
}
