#include "tls/certificateauthority.h"

#include <QDir>
#include <QProcess>
#include <QSaveFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

using namespace Qt::StringLiterals;
using Fluxdeck::Sandbox::CertificateAuthority;
using Fluxdeck::Sandbox::PemCredential;

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

using CertificatePtr = std::unique_ptr<X509, Release<X509_free>>;
using BioPtr = std::unique_ptr<BIO, Release<BIO_free_all>>;
using BignumPtr = std::unique_ptr<BIGNUM, Release<BN_free>>;

// OpenSSL's view of a certificate, for what QSslCertificate does not expose (criticality, bits).
CertificatePtr openSsl(const QByteArray &pem)
{
    const BioPtr bio(BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size())));
    return CertificatePtr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

// -1 when the extension is absent, else whether it is critical.
int criticality(X509 *certificate, int nid)
{
    const int index = X509_get_ext_by_NID(certificate, nid, -1);
    return index < 0 ? -1 : X509_EXTENSION_get_critical(X509_get_ext(certificate, index));
}

QDateTime utcNow()
{
    return QDateTime::currentDateTimeUtc();
}

// Within a minute of the expected time: the test and the code under test read the clock apart.
bool near(const QDateTime &actual, const QDateTime &expected)
{
    return qAbs(actual.secsTo(expected)) < 60;
}

CertificateAuthority newCa()
{
    const auto ca = CertificateAuthority::create();
    if (!ca)
        qFatal("CertificateAuthority::create failed: %s", qPrintable(ca.error().toString()));
    return *ca;
}

PemCredential issue(const CertificateAuthority &ca)
{
    const auto server = ca.issueServerCertificate();
    if (!server)
        qFatal("issueServerCertificate failed: %s", qPrintable(server.error().toString()));
    return *server;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QSaveFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size() && file.commit();
}

} // namespace

class TestCertificateAuthority : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void caNameKeyAndValidity()
    {
        const CertificateAuthority ca = newCa();
        const QSslCertificate certificate(ca.credential().certificate, QSsl::Pem);
        QVERIFY(!certificate.isNull());
        QCOMPARE(certificate.version(), "3"_ba);
        QCOMPARE(certificate.subjectInfo(QSslCertificate::CommonName), QStringList{u"Fluxdeck Sandbox CA"_s});
        QCOMPARE(certificate.subjectInfo(QSslCertificate::Organization), QStringList{u"Fluxdeck"_s});
        QVERIFY(certificate.isSelfSigned());
        QCOMPARE(certificate.publicKey().algorithm(), QSsl::Ec);
        QCOMPARE(certificate.publicKey().length(), 256);
        QVERIFY(near(certificate.effectiveDate(), utcNow().addSecs(-3600)));
        QCOMPARE(certificate.expiryDate(), certificate.effectiveDate().addYears(10));

        const QSslKey key(ca.credential().privateKey, QSsl::Ec, QSsl::Pem, QSsl::PrivateKey);
        QVERIFY(!key.isNull());
        QVERIFY(ca.credential().privateKey.startsWith("-----BEGIN PRIVATE KEY-----"));
    }

    void caExtensions()
    {
        const CertificatePtr certificate = openSsl(newCa().credential().certificate);
        QVERIFY(certificate);
        QCOMPARE(criticality(certificate.get(), NID_basic_constraints), 1);
        QVERIFY(X509_get_extension_flags(certificate.get()) & EXFLAG_CA);
        QCOMPARE(X509_get_pathlen(certificate.get()), 0L);
        QCOMPARE(criticality(certificate.get(), NID_key_usage), 1);
        QCOMPARE(X509_get_key_usage(certificate.get()), std::uint32_t(KU_KEY_CERT_SIGN | KU_CRL_SIGN));
        QCOMPARE(criticality(certificate.get(), NID_subject_key_identifier), 0);
        QCOMPARE(criticality(certificate.get(), NID_authority_key_identifier), 0);
        // Self-signed: the authority key identifier names the CA's own key.
        QCOMPARE(ASN1_OCTET_STRING_cmp(X509_get0_subject_key_id(certificate.get()),
                                       X509_get0_authority_key_id(certificate.get())),
                 0);
        QCOMPARE(criticality(certificate.get(), NID_ext_key_usage), -1);
    }

    void serverNamesKeyAndValidity()
    {
        const CertificateAuthority ca = newCa();
        const PemCredential server = issue(ca);
        const QSslCertificate certificate(server.certificate, QSsl::Pem);
        const QSslCertificate caCertificate(ca.credential().certificate, QSsl::Pem);
        QCOMPARE(certificate.version(), "3"_ba);
        QCOMPARE(certificate.subjectInfo(QSslCertificate::CommonName), QStringList{u"127.0.0.1"_s});
        QCOMPARE(certificate.issuerDisplayName(), u"Fluxdeck Sandbox CA"_s);
        QCOMPARE(certificate.issuerInfo(QSslCertificate::Organization), QStringList{u"Fluxdeck"_s});
        QVERIFY(!certificate.isSelfSigned());

        const auto names = certificate.subjectAlternativeNames();
        QCOMPARE(names.values(QSsl::DnsEntry), QStringList{u"localhost"_s});
        QStringList addresses = names.values(QSsl::IpAddressEntry);
        addresses.sort();
        QCOMPARE(addresses, (QStringList{u"127.0.0.1"_s, u"::1"_s}));
        QCOMPARE(names.size(), 3);

        QCOMPARE(certificate.publicKey().algorithm(), QSsl::Ec);
        QCOMPARE(certificate.publicKey().length(), 256);
        QVERIFY(certificate.publicKey() != caCertificate.publicKey());
        QVERIFY(near(certificate.effectiveDate(), utcNow().addSecs(-3600)));
        QCOMPARE(certificate.effectiveDate().daysTo(certificate.expiryDate()), 397);
        QVERIFY(!QSslKey(server.privateKey, QSsl::Ec, QSsl::Pem, QSsl::PrivateKey).isNull());
    }

    void serverExtensions()
    {
        const CertificateAuthority ca = newCa();
        const CertificatePtr certificate = openSsl(issue(ca).certificate);
        const CertificatePtr caCertificate = openSsl(ca.credential().certificate);
        QVERIFY(certificate && caCertificate);
        QCOMPARE(criticality(certificate.get(), NID_basic_constraints), 1);
        QVERIFY(!(X509_get_extension_flags(certificate.get()) & EXFLAG_CA));
        QCOMPARE(criticality(certificate.get(), NID_key_usage), 1);
        QCOMPARE(X509_get_key_usage(certificate.get()), std::uint32_t(KU_DIGITAL_SIGNATURE | KU_KEY_AGREEMENT));
        QCOMPARE(criticality(certificate.get(), NID_ext_key_usage), 0);
        QCOMPARE(X509_get_extended_key_usage(certificate.get()), std::uint32_t(XKU_SSL_SERVER));
        QCOMPARE(criticality(certificate.get(), NID_subject_alt_name), 0);
        QCOMPARE(criticality(certificate.get(), NID_subject_key_identifier), 0);
        QCOMPARE(ASN1_OCTET_STRING_cmp(X509_get0_authority_key_id(certificate.get()),
                                       X509_get0_subject_key_id(caCertificate.get())),
                 0);
        QCOMPARE(X509_check_issued(caCertificate.get(), certificate.get()), X509_V_OK);
    }

    void serialsAreRandom128Bits()
    {
        const CertificateAuthority first = newCa();
        const CertificateAuthority second = newCa();
        QList<QByteArray> pems{first.credential().certificate, second.credential().certificate,
                               issue(first).certificate, issue(first).certificate};
        QSet<QByteArray> serials;
        for (const QByteArray &pem : pems) {
            const CertificatePtr certificate = openSsl(pem);
            QVERIFY(certificate);
            const BignumPtr serial(ASN1_INTEGER_to_BN(X509_get0_serialNumber(certificate.get()), nullptr));
            QCOMPARE(BN_num_bits(serial.get()), 128);
            QVERIFY(!BN_is_negative(serial.get()));
            serials.insert(QSslCertificate(pem, QSsl::Pem).serialNumber());
        }
        QCOMPARE(serials.size(), pems.size());
    }

    void loadAcceptsWhatCreateMade()
    {
        const CertificateAuthority ca = newCa();
        const auto loaded = CertificateAuthority::load(ca.credential());
        QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().toString()));
        QCOMPARE(loaded->credential().certificate, ca.credential().certificate);
        QCOMPARE(loaded->credential().privateKey, ca.credential().privateKey);
        QVERIFY(loaded->checkServerCertificate(issue(*loaded), utcNow()));
    }

    void loadRejectsUnusable_data()
    {
        QTest::addColumn<PemCredential>("stored");
        QTest::addColumn<QString>("message");

        const CertificateAuthority ca = newCa();
        const CertificateAuthority other = newCa();
        const QDateTime now = utcNow();
        const auto shortLived = CertificateAuthority::create(now.addDays(-1), now.addDays(100));
        const auto expired = CertificateAuthority::create(now.addDays(-20), now.addDays(-1));
        const auto notYetValid = CertificateAuthority::create(now.addDays(1), now.addYears(10));
        QVERIFY(shortLived && expired && notYetValid);

        QTest::newRow("nothing") << PemCredential{} << u"The sandbox CA certificate is missing or is not PEM."_s;
        QTest::newRow("garbage") << PemCredential{"-----BEGIN CERTIFICATE-----\nnot base64\n", "x"}
                                 << u"The sandbox CA certificate is missing or is not PEM."_s;
        QTest::newRow("no key") << PemCredential{ca.credential().certificate, {}}
                                << u"The sandbox CA private key is missing or is not unencrypted PEM."_s;
        QTest::newRow("another CA's key")
            << PemCredential{ca.credential().certificate, other.credential().privateKey}
            << u"The sandbox CA private key does not belong to its certificate."_s;
        QTest::newRow("a server certificate")
            << issue(ca) << u"The sandbox CA certificate is not a certificate authority."_s;
        QTest::newRow("expires within 398 days")
            << shortLived->credential() << u"The sandbox CA expires too soon."_s;
        QTest::newRow("expired") << expired->credential() << u"The sandbox CA certificate does not verify."_s;
        QTest::newRow("not yet valid")
            << notYetValid->credential() << u"The sandbox CA certificate does not verify."_s;
    }

    void loadRejectsUnusable()
    {
        QFETCH(PemCredential, stored);
        QFETCH(QString, message);
        const auto loaded = CertificateAuthority::load(stored);
        QVERIFY(!loaded);
        QCOMPARE(loaded.error().message, message);
    }

    void errorsCarryOpenSslDetail()
    {
        const auto noCertificate = CertificateAuthority::load(PemCredential{"garbage", "garbage"});
        QVERIFY(!noCertificate);
        QVERIFY2(noCertificate.error().detail.contains(u"no start line"_s), qPrintable(noCertificate.error().detail));

        const QDateTime now = utcNow();
        const auto expired = CertificateAuthority::create(now.addDays(-20), now.addDays(-1));
        QVERIFY(expired);
        const auto verified = CertificateAuthority::load(expired->credential());
        QVERIFY(!verified);
        QCOMPARE(verified.error().detail, u"certificate has expired"_s);
    }

    void checkServerCertificate_data()
    {
        QTest::addColumn<PemCredential>("caCredential");
        QTest::addColumn<PemCredential>("server");
        QTest::addColumn<QString>("message");

        const CertificateAuthority ca = newCa();
        const CertificateAuthority other = newCa();
        const QDateTime now = utcNow();
        const auto expiring = ca.issueServerCertificate(now.addSecs(-3600), now.addDays(10));
        const auto expired = ca.issueServerCertificate(now.addDays(-400), now.addDays(-3));
        QVERIFY(expiring && expired);
        const PemCredential fresh = issue(ca);

        QTest::newRow("fresh") << ca.credential() << fresh << QString();
        QTest::newRow("nothing") << ca.credential() << PemCredential{}
                                 << u"The sandbox server certificate is missing or is not PEM."_s;
        QTest::newRow("another key") << ca.credential() << PemCredential{fresh.certificate, issue(ca).privateKey}
                                     << u"The sandbox server private key does not belong to its certificate."_s;
        QTest::newRow("another CA") << ca.credential() << issue(other)
                                    << u"The sandbox server certificate does not verify."_s;
        QTest::newRow("the CA itself") << ca.credential() << ca.credential()
                                       << u"The sandbox server certificate does not verify."_s;
        QTest::newRow("expires within 30 days")
            << ca.credential() << *expiring << u"The sandbox server certificate expires soon."_s;
        QTest::newRow("expired") << ca.credential() << *expired
                                 << u"The sandbox server certificate does not verify."_s;
    }

    void checkServerCertificate()
    {
        QFETCH(PemCredential, caCredential);
        QFETCH(PemCredential, server);
        QFETCH(QString, message);
        const auto ca = CertificateAuthority::load(caCredential);
        QVERIFY(ca);
        const auto checked = ca->checkServerCertificate(server, utcNow().addDays(30));
        if (message.isEmpty()) {
            QVERIFY2(checked, qPrintable(checked ? QString() : checked.error().toString()));
        } else {
            QVERIFY(!checked);
            QCOMPARE(checked.error().message, message);
        }
    }

    void opensslVerifiesStrictly()
    {
        const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
        if (openssl.isEmpty())
            QSKIP("the openssl command is not installed");
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        const CertificateAuthority ca = newCa();
        QVERIFY(writeFile(directory.filePath(u"ca.pem"_s), ca.credential().certificate));
        QVERIFY(writeFile(directory.filePath(u"server.pem"_s), issue(ca).certificate));

        // -x509_strict is the check Python 3.13 applies by default; every name clients use.
        const QList<QStringList> identities{{u"-verify_ip"_s, u"127.0.0.1"_s},
                                            {u"-verify_ip"_s, u"::1"_s},
                                            {u"-verify_hostname"_s, u"localhost"_s}};
        for (const QStringList &identity : identities) {
            QProcess verify;
            verify.setWorkingDirectory(directory.path());
            verify.start(openssl, QStringList{u"verify"_s, u"-x509_strict"_s, u"-purpose"_s, u"sslserver"_s,
                                              u"-CAfile"_s, u"ca.pem"_s}
                                      + identity + QStringList{u"server.pem"_s});
            QVERIFY(verify.waitForFinished(30000));
            const QString output = QString::fromUtf8(verify.readAllStandardOutput() + verify.readAllStandardError());
            QVERIFY2(verify.exitStatus() == QProcess::NormalExit && verify.exitCode() == 0, qPrintable(output));
            QCOMPARE(output.trimmed(), u"server.pem: OK"_s);
        }

        // And a name the certificate does not carry fails, so the checks above mean something.
        QProcess mismatch;
        mismatch.setWorkingDirectory(directory.path());
        mismatch.start(openssl, {u"verify"_s, u"-x509_strict"_s, u"-CAfile"_s, u"ca.pem"_s, u"-verify_hostname"_s,
                                 u"example.com"_s, u"server.pem"_s});
        QVERIFY(mismatch.waitForFinished(30000));
        QVERIFY(mismatch.exitCode() != 0);
    }
};

QTEST_GUILESS_MAIN(TestCertificateAuthority)
#include "tst_certificateauthority.moc"
