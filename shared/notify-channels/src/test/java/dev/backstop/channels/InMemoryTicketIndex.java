package dev.backstop.channels;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The ticket index in memory, for channel tests; {@link DynamoTicketIndex} is tested on the emulator. */
final class InMemoryTicketIndex implements TicketIndex {

    private final Map<String, Entry> entries = new HashMap<>();

    @Override
    public synchronized Optional<Entry> find(TicketKey key) {
        return Optional.ofNullable(entries.get(key.id()));
    }

    @Override
    public synchronized boolean claim(TicketKey key, String auditId) {
        if (entries.containsKey(key.id())) {
            return false;
        }
        entries.put(key.id(), new Entry.Opening(auditId));
        return true;
    }

    @Override
    public synchronized void opened(TicketKey key, String auditId, Ticket ticket) {
        entries.put(key.id(), new Entry.Open(ticket));
    }

    @Override
    public synchronized void release(TicketKey key, String auditId) {
        entries.remove(key.id());
    }

    @Override
    public synchronized void resolved(TicketKey key, String auditId) {
        entries.remove(key.id());
    }
}
