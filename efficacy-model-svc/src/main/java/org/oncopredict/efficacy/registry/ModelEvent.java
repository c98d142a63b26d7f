package org.oncopredict.efficacy.registry;

import java.time.Instant;

/**
 * One entry of the registry's append-only log.
 *
 * @param actor      pseudonymous id of the user (or service) that acted
 * @param detailJson a JSON object: gate checks, previous/restored versions, …
 */
public record ModelEvent(long id, long version, ModelAction action, String actor, Instant at, String detailJson) {
}
