package io.latchkey.it.support;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Each test talks to the server as a client address of its own (see {@link Api#actAs}). */
public class FreshClientAddress implements BeforeEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        Api.actAs(Api.freshClientAddress());
    }
}
