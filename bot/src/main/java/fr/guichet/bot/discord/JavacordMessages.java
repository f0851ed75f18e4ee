package fr.guichet.bot.discord;

import fr.guichet.bot.discord.DiscordMessage.Button;
import fr.guichet.bot.discord.DiscordMessage.Component;
import fr.guichet.bot.discord.DiscordMessage.Embed;
import fr.guichet.bot.discord.DiscordMessage.Field;
import fr.guichet.bot.discord.DiscordMessage.Option;
import fr.guichet.bot.discord.DiscordMessage.Row;
import fr.guichet.bot.discord.DiscordMessage.Select;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.javacord.api.entity.message.MessageBuilder;
import org.javacord.api.entity.message.MessageUpdater;
import org.javacord.api.entity.message.MessageFlag;
import org.javacord.api.entity.message.component.ActionRow;
import org.javacord.api.entity.message.component.ButtonBuilder;
import org.javacord.api.entity.message.component.ButtonStyle;
import org.javacord.api.entity.message.component.HighLevelComponent;
import org.javacord.api.entity.message.component.LowLevelComponent;
import org.javacord.api.entity.message.component.SelectMenu;
import org.javacord.api.entity.message.component.SelectMenuOption;
import org.javacord.api.entity.message.embed.EmbedBuilder;
import org.javacord.api.entity.message.mention.AllowedMentions;
import org.javacord.api.entity.message.mention.AllowedMentionsBuilder;
import org.javacord.api.interaction.callback.InteractionMessageBuilderBase;

/** Turns a {@link DiscordMessage} into Javacord's builders. Every message gets explicit allowed mentions. */
final class JavacordMessages {
    /** The CCI blue of Guichet's embeds. */
    static final Color COLOR = new Color(0x1F4E8C);

    private JavacordMessages() {
    }

    /**
     * Allowed mentions that let nothing ping but the given users: no @everyone, no @here, no
     * role, no other user, not even the author of a message replied to.
     */
    static AllowedMentions allowedMentions(Set<Long> users) {
        AllowedMentionsBuilder builder = new AllowedMentionsBuilder()
                .setMentionEveryoneAndHere(false)
                .setMentionRoles(false)
                .setMentionUsers(false)
                .setMentionRepliedUser(false);
        users.forEach(builder::addUser);
        return builder.build();
    }

    static List<EmbedBuilder> embeds(DiscordMessage m) {
        List<EmbedBuilder> embeds = new ArrayList<>();
        for (Embed e : m.embeds()) {
            EmbedBuilder b = new EmbedBuilder().setColor(COLOR);
            if (e.title() != null) {
                b.setTitle(e.title());
            }
            if (e.url() != null) {
                b.setUrl(e.url());
            }
            if (e.description() != null && !e.description().isEmpty()) {
                b.setDescription(e.description());
            }
            for (Field f : e.fields()) {
                b.addField(f.name(), f.value());
            }
            if (e.footer() != null) {
                b.setFooter(e.footer());
            }
            embeds.add(b);
        }
        return embeds;
    }

    static HighLevelComponent[] components(DiscordMessage m) {
        List<HighLevelComponent> rows = new ArrayList<>();
        for (Row row : m.rows()) {
            List<LowLevelComponent> items = new ArrayList<>();
            for (Component c : row.components()) {
                items.add(component(c));
            }
            rows.add(ActionRow.of(items));
        }
        return rows.toArray(HighLevelComponent[]::new);
    }

    private static LowLevelComponent component(Component c) {
        if (c instanceof Button b) {
            ButtonBuilder builder = new ButtonBuilder().setStyle(ButtonStyle.valueOf(b.style().name()));
            if (b.style() == DiscordMessage.Style.LINK) {
                builder.setUrl(b.target());
            } else {
                builder.setCustomId(b.target());
            }
            if (b.label() != null) {
                builder.setLabel(b.label());
            }
            if (b.emoji() != null) {
                builder.setEmoji(b.emoji());
            }
            return builder.build();
        }
        Select s = (Select) c;
        List<SelectMenuOption> options = new ArrayList<>();
        for (Option o : s.options()) {
            options.add(o.description() == null ? SelectMenuOption.create(o.label(), o.value())
                    : SelectMenuOption.create(o.label(), o.value(), o.description()));
        }
        return SelectMenu.createStringMenu(s.customId(), s.placeholder(), 1, 1, options);
    }

    /**
     * Fills the updater of one of Guichet's messages with all of {@code m}: sent with
     * {@code replaceMessage()}, whatever {@code m} lacks (embeds, components) goes.
     */
    static MessageUpdater fill(MessageUpdater updater, DiscordMessage m) {
        updater.setAllowedMentions(allowedMentions(m.mentionUsers()));
        updater.setContent(m.content());
        updater.addEmbeds(embeds(m));
        updater.addComponents(components(m));
        return updater;
    }

    /** Fills a channel message builder (thread posts, replies to mentions and direct messages). */
    static MessageBuilder fill(MessageBuilder builder, DiscordMessage m) {
        builder.setAllowedMentions(allowedMentions(m.mentionUsers()));
        if (!m.content().isEmpty()) {
            builder.setContent(m.content());
        }
        List<EmbedBuilder> embeds = embeds(m);
        if (!embeds.isEmpty()) {
            builder.addEmbeds(embeds);
        }
        HighLevelComponent[] components = components(m);
        if (components.length > 0) {
            builder.addComponents(components);
        }
        return builder;
    }

    /** Fills an interaction response (immediate, deferred or follow-up), ephemeral or not. */
    static <T extends InteractionMessageBuilderBase<T>> T fill(T builder, DiscordMessage m, boolean ephemeral) {
        builder.setAllowedMentions(allowedMentions(m.mentionUsers()));
        if (!m.content().isEmpty()) {
            builder.setContent(m.content());
        }
        List<EmbedBuilder> embeds = embeds(m);
        if (!embeds.isEmpty()) {
            builder.addEmbeds(embeds);
        }
        HighLevelComponent[] components = components(m);
        if (components.length > 0) {
            builder.addComponents(components);
        }
        if (ephemeral) {
            builder.setFlags(MessageFlag.EPHEMERAL);
        }
        return builder;
    }
}
