package fr.guichet.bot.report;

import java.util.Arrays;
import java.util.Optional;

/** Where a question was asked. The code is what the question log stores; the label is what CCI staff read. */
public enum Channel {
    CONSOLE("console", "console"),
    SLASH("slash", "commande Discord (/)"),
    MENTION("mention", "mention dans un salon"),
    DM("dm", "message privé");

    private final String code;
    private final String label;

    Channel(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public static Optional<Channel> fromCode(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
    }
}
