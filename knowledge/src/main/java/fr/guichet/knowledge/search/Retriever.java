package fr.guichet.knowledge.search;

/** Finds the catalogue entries that answer a question. Never throws on user text. */
public interface Retriever {
    SearchResult search(SearchRequest request);
}
