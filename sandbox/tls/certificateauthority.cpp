#include "certificateauthority.h"

#include <QStringList>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <array>
#include <initializer_list>
#include <memory>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Sandbox {

namespace {

template<auto release>
struct Release
{
    template<typename T>
    void operator()(T *object) const
    {
        release(object);
    }
};

using BioPtr = std::unique_ptr<BIO, Release<BIO_free_all>>;
using BignumPtr = std::unique_ptr<BIGNUM, Release<BN_free>>;
using IntegerPtr = std::unique_ptr<ASN1_INTEGER, Release<ASN1_INTEGER_free>>;
using KeyPtr = std::unique_ptr<EVP_PKEY, Release<EVP_PKEY_free>>;
using KeyContextPtr = std::unique_ptr<EVP_PKEY_CTX, Release<EVP_PKEY_CTX_free>>;
using CertificatePtr = std::unique_ptr<X509, Release<X509_free>>;
using ExtensionPtr = std::unique_ptr<X509_EXTENSION, Release<X509_EXTENSION_free>>;
using StorePtr = std::unique_ptr<X509_STORE, Release<X509_STORE_free>>;
using StoreContextPtr = std::unique_ptr<X509_STORE_CTX, Release<X509_STORE_CTX_free>>;

// Empties OpenSSL's (thread-local) error queue into one line for Error::detail.
QString takeOpenSslErrors()
{
    QStringList lines;
    while (const unsigned long code = ERR_get_error()) {
        std::array<char, 256> text{};
        ERR_error_string_n(code, text.data(), text.size());
        lines.append(QString::fromLatin1(text.data()));
    }
    return lines.isEmpty() ? u"no OpenSSL error recorded"_s : lines.join(u"; "_s);
}

std::unexpected<Domain::Error> openSslFailure(const QString &message)
{
    return Domain::failure(message, takeOpenSslErrors());
}

// An hour of slack so a client whose clock is a little behind still accepts a fresh certificate.
QDateTime anHourAgo()
{
    return QDateTime::currentDateTimeUtc().addSecs(-3600);
}

Domain::Result<KeyPtr> generateKey()
{
    const KeyContextPtr context(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
    EVP_PKEY *key = nullptr;
    if (!context || EVP_PKEY_keygen_init(context.get()) <= 0
        || EVP_PKEY_CTX_set_group_name(context.get(), "P-256") <= 0 || EVP_PKEY_generate(context.get(), &key) <= 0)
        return openSslFailure(u"Could not generate an ECDSA P-256 key for the sandbox's TLS certificates."_s);
    return KeyPtr(key);
}

bool setRandomSerial(X509 *certificate)
{
    // 128 random bits with the top one set: unique, positive, never zero, always the same length.
    const BignumPtr serial(BN_new());
    if (!serial || BN_rand(serial.get(), 128, BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ANY) != 1)
        return false;
    const IntegerPtr integer(BN_to_ASN1_INTEGER(serial.get(), nullptr));
    return integer && X509_set_serialNumber(certificate, integer.get()) == 1;
}

bool setValidity(X509 *certificate, const QDateTime &notBefore, const QDateTime &notAfter)
{
    // ASN1_TIME_set picks UTCTime before 2050 and GeneralizedTime after, as RFC 5280 requires.
    return ASN1_TIME_set(X509_getm_notBefore(certificate), static_cast<time_t>(notBefore.toSecsSinceEpoch()))
        && ASN1_TIME_set(X509_getm_notAfter(certificate), static_cast<time_t>(notAfter.toSecsSinceEpoch()));
}

struct Field
{
    int nid;
    const char *value;
};

// A signed v3 certificate for subjectKey. Without an issuer it is self-signed by subjectKey.
Domain::Result<CertificatePtr> makeCertificate(EVP_PKEY *subjectKey, std::initializer_list<Field> subject,
                                               std::initializer_list<Field> extensions, const QDateTime &notBefore,
                                               const QDateTime &notAfter, X509 *issuer, EVP_PKEY *issuerKey)
{
    CertificatePtr certificate(X509_new());
    if (!certificate)
        return openSslFailure(u"Could not allocate a certificate."_s);
    X509 *const self = certificate.get();
    X509 *const signer = issuer ? issuer : self;

    bool filled = X509_set_version(self, X509_VERSION_3) == 1 && setRandomSerial(self)
        && setValidity(self, notBefore, notAfter) && X509_set_pubkey(self, subjectKey) == 1;
    for (const Field &field : subject) {
        filled = filled
            && X509_NAME_add_entry_by_NID(X509_get_subject_name(self), field.nid, MBSTRING_UTF8,
                                          reinterpret_cast<const unsigned char *>(field.value), -1, -1, 0)
                == 1;
    }
    // The issuer name is copied after the subject is complete, which matters when self-signing.
    filled = filled && X509_set_issuer_name(self, X509_get_subject_name(signer)) == 1;
    if (!filled)
        return openSslFailure(u"Could not fill in the sandbox's TLS certificate."_s);

    // The subject key identifier goes in before the authority key identifier: for a self-signed
    // CA, OpenSSL derives the latter from the former.
    X509V3_CTX context{};
    X509V3_set_ctx(&context, signer, self, nullptr, nullptr, 0);
    if (X509V3_set_issuer_pkey(&context, issuerKey) != 1)
        return openSslFailure(u"Could not prepare the certificate extensions."_s);
    for (const Field &field : extensions) {
        const ExtensionPtr extension(X509V3_EXT_conf_nid(nullptr, &context, field.nid, field.value));
        if (!extension || X509_add_ext(self, extension.get(), -1) != 1) {
            return openSslFailure(u"Could not add the extension %1 = %2 to the sandbox's TLS certificate."_s.arg(
                QString::fromLatin1(OBJ_nid2sn(field.nid)), QString::fromLatin1(field.value)));
        }
    }
    if (X509_sign(self, issuerKey, EVP_sha256()) <= 0)
        return openSslFailure(u"Could not sign the sandbox's TLS certificate."_s);
    return certificate;
}

QByteArray contents(BIO *memory)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(memory, &data);
    return QByteArray(data, size);
}

Domain::Result<PemCredential> toPem(X509 *certificate, EVP_PKEY *key)
{
    const BioPtr certificateText(BIO_new(BIO_s_mem()));
    const BioPtr keyText(BIO_new(BIO_s_mem()));
    if (!certificateText || !keyText || PEM_write_bio_X509(certificateText.get(), certificate) != 1
        || PEM_write_bio_PrivateKey(keyText.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return openSslFailure(u"Could not write the sandbox's TLS certificate as PEM."_s);
    return PemCredential{contents(certificateText.get()), contents(keyText.get())};
}

// Never ask on a terminal for a passphrase: the sandbox writes no encrypted keys, so a file
// that holds one is simply not ours.
int refusePassphrase(char *, int, int, void *)
{
    return -1;
}

BioPtr readOnlyMemory(const QByteArray &data)
{
    return BioPtr(BIO_new_mem_buf(data.constData(), static_cast<int>(data.size())));
}

struct Parsed
{
    CertificatePtr certificate;
    KeyPtr key;
};

Domain::Result<Parsed> parse(const PemCredential &pem, const QString &what)
{
    ERR_clear_error();
    const BioPtr certificateText = readOnlyMemory(pem.certificate);
    const BioPtr keyText = readOnlyMemory(pem.privateKey);
    if (!certificateText || !keyText)
        return openSslFailure(u"Could not read the %1 certificate and key."_s.arg(what));
    Parsed parsed{CertificatePtr(PEM_read_bio_X509(certificateText.get(), nullptr, refusePassphrase, nullptr)), {}};
    if (!parsed.certificate)
        return openSslFailure(u"The %1 certificate is missing or is not PEM."_s.arg(what));
    parsed.key.reset(PEM_read_bio_PrivateKey(keyText.get(), nullptr, refusePassphrase, nullptr));
    if (!parsed.key)
        return openSslFailure(u"The %1 private key is missing or is not unencrypted PEM."_s.arg(what));
    if (!EVP_PKEY_is_a(parsed.key.get(), "EC"))
        return Domain::failure(u"The %1 private key is not an elliptic-curve key."_s.arg(what));
    if (X509_check_private_key(parsed.certificate.get(), parsed.key.get()) != 1)
        return openSslFailure(u"The %1 private key does not belong to its certificate."_s.arg(what));
    return parsed;
}

// Verifies leaf up to root as a TLS client does, with X509_V_FLAG_X509_STRICT as Python 3.13
// sets it by default. purpose 0 checks no purpose.
Domain::Result<void> verifyChain(X509 *leaf, X509 *root, int purpose, const QString &what)
{
    ERR_clear_error();
    const StorePtr store(X509_STORE_new());
    const StoreContextPtr context(X509_STORE_CTX_new());
    if (!store || !context || X509_STORE_add_cert(store.get(), root) != 1
        || X509_STORE_CTX_init(context.get(), store.get(), leaf, nullptr) != 1)
        return openSslFailure(u"Could not prepare to verify the %1 certificate."_s.arg(what));
    X509_VERIFY_PARAM *const parameters = X509_STORE_CTX_get0_param(context.get());
    X509_VERIFY_PARAM_set_flags(parameters, X509_V_FLAG_X509_STRICT);
    if (purpose != 0 && X509_VERIFY_PARAM_set_purpose(parameters, purpose) != 1)
        return openSslFailure(u"Could not prepare to verify the %1 certificate."_s.arg(what));
    if (X509_verify_cert(context.get()) != 1) {
        const int code = X509_STORE_CTX_get_error(context.get());
        ERR_clear_error(); // the verification result carries the reason; the queue only repeats it
        return Domain::failure(u"The %1 certificate does not verify."_s.arg(what),
                               QString::fromLatin1(X509_verify_cert_error_string(code)));
    }
    return {};
}

// Whether the certificate is still valid at the given time (-2 from OpenSSL: unreadable time).
bool validAt(const X509 *certificate, const QDateTime &time)
{
    return ASN1_TIME_cmp_time_t(X509_get0_notAfter(certificate), static_cast<time_t>(time.toSecsSinceEpoch())) == 1;
}

} // namespace

CertificateAuthority::CertificateAuthority(PemCredential credential)
    : m_credential(std::move(credential))
{
}

Domain::Result<CertificateAuthority> CertificateAuthority::create()
{
    const QDateTime notBefore = anHourAgo();
    return create(notBefore, notBefore.addYears(caValidityYears));
}

Domain::Result<CertificateAuthority> CertificateAuthority::create(const QDateTime &notBefore,
                                                                  const QDateTime &notAfter)
{
    ERR_clear_error();
    const Domain::Result<KeyPtr> key = generateKey();
    if (!key)
        return std::unexpected(key.error());
    // Strict verifiers (Python 3.13) want a critical basicConstraints, keyCertSign and a subject
    // key identifier on every CA; pathlen:0 keeps it from signing other CAs.
    const Domain::Result<CertificatePtr> certificate = makeCertificate(
        key->get(), {{NID_organizationName, "Fluxdeck"}, {NID_commonName, "Fluxdeck Sandbox CA"}},
        {{NID_basic_constraints, "critical,CA:TRUE,pathlen:0"},
         {NID_key_usage, "critical,keyCertSign,cRLSign"},
         {NID_subject_key_identifier, "hash"},
         {NID_authority_key_identifier, "keyid:always"}},
        notBefore, notAfter, nullptr, key->get());
    if (!certificate)
        return std::unexpected(certificate.error());
    Domain::Result<PemCredential> pem = toPem(certificate->get(), key->get());
    if (!pem)
        return std::unexpected(pem.error());
    return CertificateAuthority(std::move(*pem));
}

Domain::Result<CertificateAuthority> CertificateAuthority::load(const PemCredential &stored)
{
    const QString what = u"sandbox CA"_s;
    const Domain::Result<Parsed> parsed = parse(stored, what);
    if (!parsed)
        return std::unexpected(parsed.error());
    X509 *const certificate = parsed->certificate.get();
    // Checked by hand: verifying a root on its own does not apply the strict CA rules to it.
    if (X509_check_ca(certificate) != 1 || (X509_get_extension_flags(certificate) & EXFLAG_KUSAGE) == 0
        || (X509_get_key_usage(certificate) & KU_KEY_CERT_SIGN) == 0)
        return Domain::failure(u"The sandbox CA certificate is not a certificate authority."_s);
    if (const Domain::Result<void> verified = verifyChain(certificate, certificate, 0, what); !verified)
        return std::unexpected(verified.error());
    // A CA that would expire before a server certificate issued today is replaced now, while
    // nothing depends on it, rather than breaking every client mid-way.
    const QDateTime needed = QDateTime::currentDateTimeUtc().addDays(serverValidityDays + 1);
    if (!validAt(certificate, needed))
        return Domain::failure(u"The sandbox CA expires too soon."_s,
                               u"valid until less than %1 days from now"_s.arg(serverValidityDays + 1));
    return CertificateAuthority(stored);
}

Domain::Result<PemCredential> CertificateAuthority::issueServerCertificate() const
{
    const QDateTime notBefore = anHourAgo();
    return issueServerCertificate(notBefore, notBefore.addDays(serverValidityDays));
}

Domain::Result<PemCredential> CertificateAuthority::issueServerCertificate(const QDateTime &notBefore,
                                                                           const QDateTime &notAfter) const
{
    const Domain::Result<Parsed> ca = parse(m_credential, u"sandbox CA"_s);
    if (!ca)
        return std::unexpected(ca.error());
    const Domain::Result<KeyPtr> key = generateKey();
    if (!key)
        return std::unexpected(key.error());
    // Clients reach the sandbox by IPv4, IPv6 or name; Go and Python match only the
    // subjectAltName, never the common name. 397 days is the longest validity browsers and
    // Apple platforms accept for a server certificate.
    const Domain::Result<CertificatePtr> certificate = makeCertificate(
        key->get(), {{NID_commonName, "127.0.0.1"}},
        {{NID_basic_constraints, "critical,CA:FALSE"},
         {NID_key_usage, "critical,digitalSignature,keyAgreement"},
         {NID_ext_key_usage, "serverAuth"},
         {NID_subject_key_identifier, "hash"},
         {NID_authority_key_identifier, "keyid:always"},
         {NID_subject_alt_name, "IP:127.0.0.1,IP:::1,DNS:localhost"}},
        notBefore, notAfter, ca->certificate.get(), ca->key.get());
    if (!certificate)
        return std::unexpected(certificate.error());
    return toPem(certificate->get(), key->get());
}

Domain::Result<void> CertificateAuthority::checkServerCertificate(const PemCredential &server,
                                                                  const QDateTime &stillValidAt) const
{
    const Domain::Result<Parsed> ca = parse(m_credential, u"sandbox CA"_s);
    if (!ca)
        return std::unexpected(ca.error());
    const QString what = u"sandbox server"_s;
    const Domain::Result<Parsed> parsed = parse(server, what);
    if (!parsed)
        return std::unexpected(parsed.error());
    X509 *const certificate = parsed->certificate.get();
    if (const Domain::Result<void> verified =
            verifyChain(certificate, ca->certificate.get(), X509_PURPOSE_SSL_SERVER, what);
        !verified)
        return std::unexpected(verified.error());
    if (X509_check_ip_asc(certificate, "127.0.0.1", 0) != 1 || X509_check_ip_asc(certificate, "::1", 0) != 1
        || X509_check_host(certificate, "localhost", 0, 0, nullptr) != 1)
        return Domain::failure(u"The sandbox server certificate does not name 127.0.0.1, ::1 and localhost."_s);
    if (!validAt(certificate, stillValidAt))
        return Domain::failure(u"The sandbox server certificate expires soon."_s,
                               u"not valid at %1"_s.arg(stillValidAt.toString(Qt::ISODate)));
    return {};
}

} // namespace Fluxdeck::Sandbox
