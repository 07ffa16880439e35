// The preflight page driven like a person would, against the in-process sandbox: the checks of
// aks-dev-westus2 (whose subscription lacks Microsoft.KubernetesConfiguration), a fix run with
// Enter, az commands copied with Ctrl+C and the button, the report exported, every control
// named for assistive technology and reachable with Tab.

#include "armclient.h"
#include "clientsecretcredential.h"
#include "operationsmodel.h"
#include "preflightdoctor.h"
#include "preflightpage.h"
#include "resultmessage.h"
#include "sandboxcloud.h"

#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QFileDialog>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Fluxdeck::Items::OperationsModel;
using Fluxdeck::Items::PreflightCheck;
using Fluxdeck::Items::PreflightDoctor;
using Fluxdeck::Items::PreflightModel;
using Fluxdeck::Net::ArmClient;
using Fluxdeck::Net::ClientSecretCredential;
using Fluxdeck::Test::failureText;
using Fluxdeck::Test::SandboxCloud;
using Fluxdeck::Ui::PreflightPage;

namespace {

const QString DevCluster = u"/subscriptions/7a2b3c4d-5e6f-4a7b-9c8d-e0f1a2b3c4d5/resourceGroups/rg-dev/providers/"
                           "Microsoft.ContainerService/managedClusters/aks-dev-westus2"_s;
const QString ConfigurationProvider = u"provider.Microsoft.KubernetesConfiguration"_s;

} // namespace

class TestPreflightPage : public QObject
{
    Q_OBJECT

private:
    SandboxCloud m_sandbox;
    QNetworkAccessManager m_network;
    std::unique_ptr<ClientSecretCredential> m_credential;
    std::unique_ptr<ArmClient> m_arm;
    QJsonObject m_cluster;

    PreflightCheck::Status status(const PreflightDoctor &doctor, const QString &id) const
    {
        const PreflightCheck *check = doctor.model()->check(id);
        return check ? check->status : PreflightCheck::Status::Running;
    }

    // Moves the list's current row with the arrow keys until it is `id`.
    static bool selectWithKeys(QListView *view, const QString &id)
    {
        QTest::keyClick(view, Qt::Key_Home);
        for (int row = 0; row < view->model()->rowCount(); ++row) {
            if (view->currentIndex().data(PreflightModel::IdRole).toString() == id)
                return true;
            QTest::keyClick(view, Qt::Key_Down);
        }
        return view->currentIndex().data(PreflightModel::IdRole).toString() == id;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const auto started = m_sandbox.start();
        QVERIFY2(started, failureText(started));
        m_credential = std::make_unique<ClientSecretCredential>(
            &m_network, m_sandbox.cloud(), m_sandbox.cloud().servicePrincipalTenant,
            m_sandbox.cloud().servicePrincipalClientId, m_sandbox.cloud().servicePrincipalSecret);
        auto options = ArmClient::Options::forCloud(m_sandbox.cloud());
        QVERIFY2(options, failureText(options));
        options->retryDelay = std::chrono::milliseconds(100);
        options->pollInterval = std::chrono::milliseconds(100);
        m_arm = std::make_unique<ArmClient>(&m_network, m_credential.get(), *options);

        const auto reply = m_arm->get(DevCluster);
        QSignalSpy finished(reply.get(), &Fluxdeck::Net::ArmReply::finished);
        QVERIFY(reply->isFinished() || finished.wait(30000));
        QVERIFY(reply->result().has_value());
        m_cluster = reply->result()->body;
    }

    void everyControlIsNamedForAssistiveTechnology()
    {
        PreflightDoctor doctor(m_arm.get(), nullptr, m_cluster);
        PreflightPage page(doctor);
        for (QPushButton *button : page.findChildren<QPushButton *>())
            QVERIFY2(!button->accessibleName().isEmpty(), qPrintable(button->objectName()));
        for (QLineEdit *edit : page.findChildren<QLineEdit *>())
            QVERIFY2(!edit->accessibleName().isEmpty(), qPrintable(edit->objectName()));
        for (QPlainTextEdit *text : page.findChildren<QPlainTextEdit *>())
            QVERIFY2(!text->accessibleName().isEmpty(), qPrintable(text->objectName()));
        QVERIFY(!page.view()->accessibleName().isEmpty());
        QVERIFY(!page.findChild<QProgressBar *>(u"preflightProgress"_s)->accessibleName().isEmpty());
    }

    void fixesAMissingProviderFromTheKeyboard()
    {
        OperationsModel operations;
        PreflightDoctor doctor(m_arm.get(), &operations, m_cluster);
        doctor.setNetworkAccessManager(&m_network);
        PreflightPage page(doctor);
        page.resize(900, 600);
        page.show();
        // Shown for the first time, the page runs the checks itself.
        QVERIFY(doctor.lastRun().isValid());
        auto *progress = page.findChild<QProgressBar *>(u"preflightProgress"_s);
        QVERIFY(progress->isVisible());
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTRY_VERIFY_WITH_TIMEOUT(!doctor.isRunning(), 60000);
        QVERIFY(!progress->isVisible());
        QCOMPARE(status(doctor, ConfigurationProvider), PreflightCheck::Status::Failed);

        auto *fix = page.findChild<QPushButton *>(u"preflightFixButton"_s);
        auto *explanation = page.findChild<QPlainTextEdit *>(u"preflightExplanation"_s);
        auto *command = page.findChild<QLineEdit *>(u"preflightAzCommand"_s);
        page.view()->setFocus();
        QVERIFY(selectWithKeys(page.view(), u"identity"_s));
        QVERIFY(!fix->isEnabled());
        QVERIFY(selectWithKeys(page.view(), ConfigurationProvider));
        QVERIFY(fix->isEnabled());
        QVERIFY2(explanation->toPlainText().contains(u"not registered"_s), qPrintable(explanation->toPlainText()));
        const QString registerCommand = u"az provider register --namespace Microsoft.KubernetesConfiguration "
                                        "--subscription 7a2b3c4d-5e6f-4a7b-9c8d-e0f1a2b3c4d5"_s;
        QCOMPARE(command->text(), registerCommand);
        // The row reads its status as text too, not only as an icon.
        QVERIFY2(page.view()->currentIndex().data().toString().endsWith(u"Failed"_s),
                 qPrintable(page.view()->currentIndex().data().toString()));
        QVERIFY(!page.view()->currentIndex().data(Qt::DecorationRole).isNull());

        // Ctrl+C on the list copies the az command.
        QApplication::clipboard()->clear();
        QTest::keyClick(page.view(), Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QApplication::clipboard()->text(), registerCommand);

        // Enter runs the fix; it shows as an operation and the check turns Passed.
        QSignalSpy fixed(&doctor, &PreflightDoctor::fixFinished);
        QTest::keyClick(page.view(), Qt::Key_Return);
        QVERIFY(doctor.isFixing(ConfigurationProvider));
        QVERIFY(!fix->isEnabled());
        QCOMPARE(operations.rowCount(), 1);
        QVERIFY(fixed.wait(60000));
        QCOMPARE(fixed.first().at(1).toBool(), true);
        QCOMPARE(operations.state(1), OperationsModel::State::Succeeded);
        QTRY_COMPARE_WITH_TIMEOUT(status(doctor, ConfigurationProvider), PreflightCheck::Status::Passed, 30000);
        QVERIFY(!fix->isEnabled());
        QVERIFY2(page.view()->currentIndex().data().toString().endsWith(u"Passed"_s),
                 qPrintable(page.view()->currentIndex().data().toString()));
    }

    void copiesCommandsAndExportsTheReport()
    {
        PreflightDoctor doctor(m_arm.get(), nullptr, m_cluster);
        doctor.setNetworkAccessManager(&m_network);
        PreflightPage page(doctor);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTRY_VERIFY_WITH_TIMEOUT(!doctor.isRunning(), 60000);

        page.view()->setFocus();
        QVERIFY(selectWithKeys(page.view(), u"identity"_s));
        QApplication::clipboard()->clear();
        QTest::mouseClick(page.findChild<QPushButton *>(u"preflightCopyCommandButton"_s), Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(),
                 u"az aks show --resource-group rg-dev --name aks-dev-westus2 --query identity"_s);

        // The endpoints check has no az command: its button is off.
        QVERIFY(selectWithKeys(page.view(), u"endpoints"_s));
        QVERIFY(!page.findChild<QPushButton *>(u"preflightCopyCommandButton"_s)->isEnabled());

        QTest::mouseClick(page.findChild<QPushButton *>(u"preflightCopyReportButton"_s), Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), doctor.report());

        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        const QString path = folder.filePath(u"aks-dev-westus2.txt"_s);
        QTest::mouseClick(page.findChild<QPushButton *>(u"preflightExportButton"_s), Qt::LeftButton);
        QFileDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = page.findChild<QFileDialog *>(u"preflightExportDialog"_s)) != nullptr);
        QCOMPARE(dialog->acceptMode(), QFileDialog::AcceptSave);
        dialog->selectFile(path);
        QVERIFY(QMetaObject::invokeMethod(dialog, "accept"));
        QFile saved(path);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(saved.readAll());
        QCOMPARE(text, doctor.report());
        QVERIFY(text.contains(u"Cluster: aks-dev-westus2"_s));
    }

    void tabOrderFollowsTheLayout()
    {
        PreflightDoctor doctor(m_arm.get(), nullptr, m_cluster);
        doctor.setNetworkAccessManager(&m_network);
        PreflightPage page(doctor);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTRY_VERIFY_WITH_TIMEOUT(!doctor.isRunning(), 60000);
        page.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&page));
        page.view()->setFocus();
        QVERIFY(selectWithKeys(page.view(), ConfigurationProvider));   // registered by now: no fix
        QStringList order;
        for (int i = 0; i < 5; ++i) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            order.append(QApplication::focusWidget()->objectName());
        }
        // The Fix button is off here, so Tab passes it by.
        QCOMPARE(order, (QStringList{u"preflightExplanation"_s, u"preflightAzCommand"_s, u"preflightCopyCommandButton"_s,
                                     u"preflightRunButton"_s, u"preflightExportButton"_s}));

        // F5 runs the checks again.
        QSignalSpy running(&doctor, &PreflightDoctor::runningChanged);
        QSignalSpy finished(&doctor, &PreflightDoctor::finished);
        QTest::keyClick(page.view(), Qt::Key_F5);
        QCOMPARE(running.size(), 1);
        QVERIFY(doctor.isRunning());
        QVERIFY(finished.wait(60000));
    }

    void cancelStopsTheRun()
    {
        PreflightDoctor doctor(m_arm.get(), nullptr, m_cluster);
        doctor.setNetworkAccessManager(&m_network);
        PreflightPage page(doctor);
        page.show();   // starts the checks; nothing has answered before the event loop turns
        auto *cancel = page.findChild<QPushButton *>(u"preflightCancelButton"_s);
        QVERIFY(doctor.isRunning());
        QVERIFY(cancel->isEnabled());
        QTest::mouseClick(cancel, Qt::LeftButton);
        QVERIFY(!doctor.isRunning());
        QVERIFY(!cancel->isEnabled());
        QVERIFY(!page.findChild<QProgressBar *>(u"preflightProgress"_s)->isVisible());
    }
};

QTEST_MAIN(TestPreflightPage)
#include "tst_preflightpage.moc"
