#include "azcommand.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Fluxdeck::Domain::AzCommand;

class TestAzCommand final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void buildsACommandLine();
    void quotesWhatTheShellWouldSplit_data();
    void quotesWhatTheShellWouldSplit();
};

void TestAzCommand::buildsACommandLine()
{
    const QString command = AzCommand({u"k8s-extension"_s, u"update"_s})
                                .option(u"resource-group"_s, u"rg-edge"_s)
                                .option(u"cluster-name"_s, u"arc-retail-store-01"_s)
                                .option(u"cluster-type"_s, u"connectedClusters"_s)
                                .option(u"name"_s, u"flux"_s)
                                .option(u"version"_s, u"1.24.1"_s)
                                .options(u"configuration-settings"_s, {u"helm-controller.enabled=true"_s,
                                                                        u"source-controller.log-level=debug"_s})
                                .flag(u"yes"_s)
                                .toString();
    QCOMPARE(command, u"az k8s-extension update --resource-group rg-edge --cluster-name arc-retail-store-01 "
                      "--cluster-type connectedClusters --name flux --version 1.24.1 --configuration-settings "
                      "helm-controller.enabled=true source-controller.log-level=debug --yes"_s);
    QCOMPARE(AzCommand({u"account"_s, u"show"_s}).toString(), u"az account show"_s);
}

void TestAzCommand::quotesWhatTheShellWouldSplit_data()
{
    QTest::addColumn<QString>("word");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("plain") << u"Microsoft.KubernetesConfiguration"_s << u"Microsoft.KubernetesConfiguration"_s;
    QTest::newRow("resource id") << u"/subscriptions/6f1c/resourceGroups/rg"_s << u"/subscriptions/6f1c/resourceGroups/rg"_s;
    QTest::newRow("space") << u"Contoso Platform"_s << u"'Contoso Platform'"_s;
    QTest::newRow("empty") << QString() << u"''"_s;
    QTest::newRow("json list") << u"[\"infra\"]"_s << u"'[\"infra\"]'"_s;
    QTest::newRow("single quote") << u"it's"_s << u"'it'\\''s'"_s;
    QTest::newRow("expansion") << u"$HOME"_s << u"'$HOME'"_s;
    QTest::newRow("placeholder") << AzCommand::placeholder(u"https-key"_s) << u"'<https-key>'"_s;
}

void TestAzCommand::quotesWhatTheShellWouldSplit()
{
    QFETCH(QString, word);
    QFETCH(QString, quoted);
    QCOMPARE(AzCommand::quoted(word), quoted);
}

QTEST_GUILESS_MAIN(TestAzCommand)
#include "tst_azcommand.moc"
