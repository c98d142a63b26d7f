package org.oncopredict.efficacy.training;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Base of tests that train Tribuo models: Tribuo logs every training run at INFO, which would drown the
 * test output. The logger is held in a static field because java.util.logging keeps loggers weakly.
 */
public abstract class QuietTribuo {

    private static final Logger TRIBUO = Logger.getLogger("org.tribuo");

    static {
        TRIBUO.setLevel(Level.WARNING);
    }
}
