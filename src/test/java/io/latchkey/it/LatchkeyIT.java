package io.latchkey.it;

import io.latchkey.it.support.*;

import java.io.File;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The integration suite: the built WAR, unchanged, deployed once on a real Payara Micro (booting it costs 15 to 25
 * CPU-seconds), and every capability tested over HTTP as black boxes by the nested classes. Each test makes its
 * own users, so tests share the server but no data.
 */
@ExtendWith({ArquillianExtension.class, FreshClientAddress.class})
class LatchkeyIT {

    @Deployment(testable = false)
    static WebArchive latchkey() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/latchkey.war"));
    }

    @Nested
    class Registration extends RegistrationTests {
    }

    @Nested
    class ExposureSecurity extends ExposureSecurityTests {
    }

    @Nested
    class EmailAddressSecurity extends EmailAddressSecurityTests {
    }

    @Nested
    class CredentialChangeSecurity extends CredentialChangeSecurityTests {
    }

    @Nested
    class ForgedRequestSecurity extends ForgedRequestSecurityTests {
    }

    @Nested
    class Login extends LoginTests {
    }

    @Nested
    class Tokens extends TokenTests {
    }

    @Nested
    class Errors extends ErrorTests {
    }

    @Nested
    class Verification extends VerificationTests {
    }

    @Nested
    class PasswordReset extends PasswordResetTests {
    }

    @Nested
    class PasswordChange extends PasswordChangeTests {
    }

    @Nested
    class Outbox extends OutboxTests {
    }

    @Nested
    class SecondFactor extends SecondFactorTests {
    }

    @Nested
    class Passkeys extends PasskeyTests {
    }

    @Nested
    class Providers extends ProviderTests {
    }

    @Nested
    class ProviderBrowser extends ProviderBrowserTests {
    }

    @Nested
    class Administration extends AdminTests {
    }

    @Nested
    class Sessions extends SessionTests {
    }

    @Nested
    class TwoInstances extends TwoInstanceTests {
    }

    @Nested
    class ThrottlingSecurity extends ThrottlingSecurityTests {
    }

    @Nested
    class EnumerationSecurity extends EnumerationSecurityTests {
    }

    @Nested
    class PasswordPolicySecurity extends PasswordPolicySecurityTests {
    }

    @Nested
    class TokenValidationSecurity extends TokenValidationSecurityTests {
    }

    @Nested
    class HostileInputSecurity extends HostileInputSecurityTests {
    }

    @Nested
    class HeaderSecurity extends HeaderSecurityTests {
    }

    @Nested
    class KeyRotationSecurity extends KeyRotationSecurityTests {
    }

    @Nested
    class EmailChange extends EmailChangeTests {
    }

    @Nested
    class EmailSignIn extends EmailSignInTests {
    }

    @Nested
    class MailedLinks extends MailedLinkTests {
    }

    @Nested
    class Profile extends ProfileTests {
    }

    @Nested
    class AccountData extends AccountDataTests {
    }

    @Nested
    class RecoverySecurity extends RecoverySecurityTests {
    }

    @Nested
    class BurstSecurity extends BurstSecurityTests {
    }

    @Nested
    class Spa extends BrowserTests {
    }

    @Nested
    class Operations extends OperationsTests {
    }

    @Nested
    class OperationsDrills extends OperationsDrillTests {
    }
}
