package fr.guichet.bot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import fr.guichet.knowledge.catalogue.Adviser;
import fr.guichet.knowledge.catalogue.Theme;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.javacord.api.DiscordApi;
import org.javacord.api.entity.server.ArchivedThreads;
import org.javacord.api.entity.channel.AutoArchiveDuration;
import org.javacord.api.entity.channel.ChannelType;
import org.javacord.api.entity.channel.ServerTextChannel;
import org.javacord.api.entity.channel.ServerThreadChannel;
import org.javacord.api.entity.message.Message;
import org.javacord.api.entity.message.MessageBuilder;
import org.javacord.api.entity.message.MessageUpdater;
import org.javacord.api.entity.message.mention.AllowedMentions;
import org.javacord.api.entity.server.Server;
import org.javacord.core.entity.message.mention.AllowedMentionsImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The notifier over the Javacord staff channel, down to the builders Javacord sends. */
class DiscordStaffChannelTest {
    private static final long THREAD = 77L;
    private final DiscordApi api = mock(DiscordApi.class);
    private final ServerTextChannel channel = mock(ServerTextChannel.class);
    private final ServerThreadChannel thread = mock(ServerThreadChannel.class);
    private final Server server = mock(Server.class);
    private final List<MessageBuilder> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final CaseThreads threads = CaseThreads.inMemory();
    private CompletableFuture<Message> sendResult = CompletableFuture.completedFuture(mock(Message.class));
    private final Adviser alice = new Adviser("alice", "Alice Exemple", "Conseillère", List.of(Theme.CREATION), List.of(),
            "100000000000000001", null, null, "bruno");
    private final Adviser bruno = new Adviser("bruno", "Bruno Exemple", "Conseiller", List.of(Theme.CREATION), List.of(),
            "100000000000000002", null, null, "alice");

    @BeforeEach
    void discord() {
        when(api.getServerTextChannelById(DiscordFixtures.STAFF)).thenReturn(Optional.of(channel));
        when(channel.createThread(eq(ChannelType.SERVER_PUBLIC_THREAD), anyString(), eq(AutoArchiveDuration.ONE_WEEK)))
                .thenReturn(CompletableFuture.completedFuture(thread));
        when(channel.getServer()).thenReturn(server);
        when(thread.getId()).thenReturn(THREAD);
        when(api.getServerThreadChannelById(anyLong())).thenReturn(Optional.empty());
    }

    private JavacordStaffChannel staff() {
        return new JavacordStaffChannel(api, DiscordFixtures.STAFF, () -> {
            MessageBuilder b = DiscordFixtures.builder(MessageBuilder.class);
            when(b.send(any(org.javacord.api.entity.channel.TextChannel.class))).thenAnswer(inv -> sendResult);
            sent.add(b);
            return b;
        }, Duration.ofMillis(300), threads);
    }

    private static AllowedMentions mentions(MessageBuilder b) {
        ArgumentCaptor<AllowedMentions> captor = ArgumentCaptor.forClass(AllowedMentions.class);
        verify(b).setAllowedMentions(captor.capture());
        return captor.getValue();
    }

    @Test
    void theCaseThreadPingsExactlyTheAdviser() {
        DiscordNotifier notifier = new DiscordNotifier(staff(), Map.of("alice", alice, "bruno", bruno));
        notifier.caseOpened(DiscordNotifierTest.aCase("alice", "bruno", "@everyone regardez"), alice);

        verify(channel).createThread(eq(ChannelType.SERVER_PUBLIC_THREAD), eq("D-2026-000001 · création d'entreprise"),
                eq(AutoArchiveDuration.ONE_WEEK));
        assertFalse(sent.isEmpty());
        sent.forEach(b -> verify(b).send(thread));
        AllowedMentions first = mentions(sent.get(0));
        assertEquals(java.util.Set.of(100000000000000001L), first.getAllowedUserMentions());
        assertTrue(first.getMentionTypes().isEmpty(), "no @everyone/@here, no roles, no users at large");
        assertTrue(first.getAllowedRoleMentions().isEmpty());
        assertFalse(first.getMentionRepliedUser());
        // what Javacord puts in the request: nothing parsed, one user allowed
        assertEquals("{\"parse\":[],\"roles\":[],\"users\":[\"100000000000000001\"],\"replied_user\":false}",
                ((AllowedMentionsImpl) first).toJsonNode().toString());
        ArgumentCaptor<String> content = ArgumentCaptor.forClass(String.class);
        verify(sent.get(0)).setContent(content.capture());
        assertTrue(content.getValue().startsWith("<@100000000000000001>"));
        // any later message of the batch pings nobody
        sent.subList(1, sent.size()).forEach(b -> assertTrue(mentions(b).getAllowedUserMentions().isEmpty()));
    }

    @Test
    void aReminderGoesToTheCaseThreadFoundByNameAfterARestart() {
        ServerThreadChannel other = mock(ServerThreadChannel.class);
        when(other.getName()).thenReturn("D-2026-000009 · financement");
        when(other.getParent()).thenReturn(channel);
        when(thread.getName()).thenReturn("D-2026-000001 · création d'entreprise");
        when(thread.getParent()).thenReturn(channel);
        when(channel.getId()).thenReturn(DiscordFixtures.STAFF);
        when(server.getThreadChannels()).thenReturn(List.of(other, thread));

        new DiscordNotifier(staff(), Map.of("alice", alice, "bruno", bruno))
                .reminder(DiscordNotifierTest.aCase("alice", "bruno", "bonjour"), alice);

        verify(channel, never()).createThread(any(ChannelType.class), anyString(), any(AutoArchiveDuration.class));
        assertEquals(1, sent.size(), "the short reminder only: the thread already has the case");
        verify(sent.get(0)).send(thread);
        assertEquals(java.util.Set.of(100000000000000001L, 100000000000000002L),
                mentions(sent.get(0)).getAllowedUserMentions());
    }

    @Test
    void aLostThreadIsOpenedAgainWithTheWholeCase() {
        when(server.getThreadChannels()).thenReturn(List.of());
        ArchivedThreads archived = mock(ArchivedThreads.class);
        when(archived.getServerThreadChannels()).thenReturn(List.of());
        when(channel.getPublicArchivedThreads()).thenReturn(CompletableFuture.completedFuture(archived));

        new DiscordNotifier(staff(), Map.of("alice", alice, "bruno", bruno))
                .escalated(DiscordNotifierTest.aCase("bruno", "alice", "bonjour"), bruno);

        verify(channel, times(1)).createThread(eq(ChannelType.SERVER_PUBLIC_THREAD), anyString(),
                eq(AutoArchiveDuration.ONE_WEEK));
        assertTrue(sent.size() >= 2, "the case first, then the escalation");
        assertTrue(mentions(sent.get(0)).getAllowedUserMentions().isEmpty(), "the reposted case pings nobody");
        assertEquals(java.util.Set.of(100000000000000002L), mentions(sent.get(sent.size() - 1)).getAllowedUserMentions());
    }

    @Test
    void aRefusalForWantOfPermissionIsAFailureSaidSo() {
        sendResult = CompletableFuture.failedFuture(DiscordFixtures.missingPermissions());
        StaffChannel.DiscordFailure failure = assertThrows(StaffChannel.DiscordFailure.class, () -> staff().openThread(
                "D-2026-000001", "D-2026-000001 · x", List.of(DiscordMessage.text("bonjour"))));
        assertTrue(failure.missingPermissions());
        assertTrue(failure.getMessage().contains("MissingPermissionsException"));

        when(api.getServerTextChannelById(DiscordFixtures.STAFF)).thenReturn(Optional.empty());
        assertThrows(StaffChannel.DiscordFailure.class, () -> staff().notice(DiscordMessage.text("x")));
    }

    @Test
    void theThreadIdIsStoredWithTheCaseAndAReminderAfterARestartUsesIt() {
        new DiscordNotifier(staff(), Map.of("alice", alice, "bruno", bruno))
                .caseOpened(DiscordNotifierTest.aCase("alice", "bruno", "bonjour"), alice);
        assertEquals(Optional.of(THREAD), threads.threadOf("D-2026-000001"));

        // after a restart: the thread is not in the active list, but the stored id finds it
        sent.clear();
        when(server.getThreadChannels()).thenReturn(List.of());
        when(api.getServerThreadChannelById(THREAD)).thenReturn(Optional.of(thread));
        new DiscordNotifier(staff(), Map.of("alice", alice, "bruno", bruno))
                .reminder(DiscordNotifierTest.aCase("alice", "bruno", "bonjour"), alice);
        verify(channel, times(1)).createThread(any(ChannelType.class), anyString(), any(AutoArchiveDuration.class));
        assertEquals(1, sent.size());
        verify(sent.get(0)).send(thread);
    }

    @Test
    void aStoredThreadOutOfReachGetsAMessageInTheStaffChannelNeverASecondThread() {
        threads.remember("D-2026-000001", 4242L);
        when(server.getThreadChannels()).thenReturn(List.of());
        ArchivedThreads archived = mock(ArchivedThreads.class);
        when(archived.getServerThreadChannels()).thenReturn(List.of());
        when(channel.getPublicArchivedThreads()).thenReturn(CompletableFuture.completedFuture(archived));

        new DiscordNotifier(staff(), Map.of("alice", alice, "bruno", bruno))
                .reminder(DiscordNotifierTest.aCase("alice", "bruno", "bonjour"), alice);

        verify(channel, never()).createThread(any(ChannelType.class), anyString(), any(AutoArchiveDuration.class));
        assertEquals(2, sent.size(), "the link to the thread, then the reminder");
        sent.forEach(b -> verify(b).send(channel));
        ArgumentCaptor<String> link = ArgumentCaptor.forClass(String.class);
        verify(sent.get(0)).setContent(link.capture());
        assertEquals("🧵 Fil du dossier D-2026-000001 : <#4242>", link.getValue());
    }

    @Test
    void aSlowDiscordLeavesTheSendPendingNotFailedAndTheStepsStayInOrder() {
        CompletableFuture<Message> slow = new CompletableFuture<>();
        sendResult = slow;
        // returns after the timeout without throwing: the thread exists, its first message is on its way
        staff().openThread("D-2026-000001", "D-2026-000001 · x",
                List.of(DiscordMessage.text("un"), DiscordMessage.text("deux")));
        assertEquals(1, sent.size(), "the second message waits for the first");
        slow.complete(mock(Message.class));
        assertEquals(2, sent.size(), "then follows it, once Discord took the first");
        assertEquals(Optional.of(THREAD), threads.threadOf("D-2026-000001"));
    }
    // ---- an entrepreneur forgotten ---------------------------------------------------------------

    /** A message in the thread: Guichet's or someone else's, with embeds or without, and its updater. */
    private Message inThread(long id, boolean guichets, boolean embeds, List<String> order) {
        Message m = mock(Message.class);
        when(m.getId()).thenReturn(id);
        org.javacord.api.entity.message.MessageAuthor author = mock(org.javacord.api.entity.message.MessageAuthor.class);
        when(author.isYourself()).thenReturn(guichets);
        when(m.getAuthor()).thenReturn(author);
        when(m.getEmbeds()).thenReturn(embeds ? List.of(mock(org.javacord.api.entity.message.embed.Embed.class)) : List.of());
        MessageUpdater updater = DiscordFixtures.builder(MessageUpdater.class);
        when(updater.replaceMessage()).thenAnswer(inv -> {
            order.add("edit " + id);
            return CompletableFuture.completedFuture(m);
        });
        when(m.createUpdater()).thenReturn(updater);
        return m;
    }

    private static String content(MessageUpdater u) {
        ArgumentCaptor<String> captor = ArgumentCaptor.forClass(String.class);
        verify(u).setContent(captor.capture());
        return captor.getValue();
    }

    @Test
    void aForgottenCasesThreadIsToldThenGuichetsMessagesAboutTheCaseAreRewrittenOldestFirst() {
        threads.remember("D-2026-000001", THREAD);
        when(api.getServerThreadChannelById(THREAD)).thenReturn(Optional.of(thread));
        List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
        Message caseMessage = inThread(1001, true, true, order);
        Message transcriptRest = inThread(1002, true, true, order);
        Message claimed = inThread(1003, true, false, order); // « ✋ Dossier … pris en charge »: nothing of the case
        Message adviserNote = inThread(1004, false, true, order); // an adviser's own message: not Guichet's to edit
        Message reminder = inThread(1005, true, true, order);
        when(thread.getMessagesAfter(JavacordStaffChannel.CASE_MESSAGES, THREAD)).thenAnswer(inv -> {
            order.add("read");
            return CompletableFuture.completedFuture(new org.javacord.core.entity.message.MessageSetImpl(
                    new java.util.TreeSet<>(java.util.Comparator.comparingLong(Message::getId)) {
                        {
                            addAll(List.of(reminder, adviserNote, claimed, transcriptRest, caseMessage));
                        }
                    }));
        });
        sendResult = CompletableFuture.completedFuture(mock(Message.class));
        JavacordStaffChannel staff = staff();
        DiscordMessage notice = new DiscordMessage("<@100000000000000001> 🗑️ annulé", List.of(), List.of(),
                java.util.Set.of(100000000000000001L));
        DiscordMessage first = DiscordMessage.text("🗑️ Dossier D-2026-000001 annulé");
        DiscordMessage others = DiscordMessage.text("🗑️ Message effacé");

        assertEquals(StaffChannel.Rewrite.REWRITTEN, staff.rewriteCase("D-2026-000001", notice, first, others));

        assertEquals(1, sent.size(), "the notice, in the thread");
        verify(sent.get(0)).send(thread);
        assertEquals(java.util.Set.of(100000000000000001L), mentions(sent.get(0)).getAllowedUserMentions());
        assertEquals(List.of("read", "edit 1001", "edit 1002", "edit 1005"), order);
        assertEquals("🗑️ Dossier D-2026-000001 annulé", content(caseMessage.createUpdater()));
        assertEquals("🗑️ Message effacé", content(transcriptRest.createUpdater()));
        assertEquals("🗑️ Message effacé", content(reminder.createUpdater()));
        for (Message m : List.of(caseMessage, transcriptRest, reminder)) {
            MessageUpdater u = m.createUpdater();
            ArgumentCaptor<AllowedMentions> allowed = ArgumentCaptor.forClass(AllowedMentions.class);
            verify(u).setAllowedMentions(allowed.capture());
            assertTrue(allowed.getValue().getAllowedUserMentions().isEmpty(), "an edit pings nobody");
            verify(u).replaceMessage(); // whole: the embeds and buttons not given go
        }
        verify(claimed, never()).createUpdater();
        verify(adviserNote, never()).createUpdater();
    }

    @Test
    void aForgottenCaseWithoutThreadSendsNothingAndOneOutOfReachIsToldInTheStaffChannel() {
        when(server.getThreadChannels()).thenReturn(List.of());
        ArchivedThreads archived = mock(ArchivedThreads.class);
        when(archived.getServerThreadChannels()).thenReturn(List.of());
        when(channel.getPublicArchivedThreads()).thenReturn(CompletableFuture.completedFuture(archived));
        DiscordMessage notice = DiscordMessage.text("🗑️ annulé");

        assertEquals(StaffChannel.Rewrite.NO_THREAD, staff().rewriteCase("D-2026-000001", notice, notice, notice));
        assertTrue(sent.isEmpty());

        threads.remember("D-2026-000001", 4242L);
        assertEquals(StaffChannel.Rewrite.OUT_OF_REACH, staff().rewriteCase("D-2026-000001", notice, notice, notice));
        assertEquals(2, sent.size(), "the link to the thread, then the notice");
        sent.forEach(b -> verify(b).send(channel));
        verify(channel, never()).createThread(any(ChannelType.class), anyString(), any(AutoArchiveDuration.class));
    }
}
