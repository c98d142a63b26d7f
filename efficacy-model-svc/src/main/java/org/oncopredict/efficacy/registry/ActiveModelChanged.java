package org.oncopredict.efficacy.registry;

/**
 * Fired (synchronously, after the commit) when this instance's registry changed which version is active,
 * so that caches of the active version can drop it.
 *
 * @param active the version active now
 */
public record ActiveModelChanged(long active) {
}
