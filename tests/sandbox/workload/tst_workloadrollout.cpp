#include "workload/workloadrollout.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Fluxdeck::Sandbox;

namespace {

QJsonObject workload(const QString &kind, int replicas, const QString &image = u"nginx:1.27"_s)
{
    const QJsonObject labels{{u"app"_s, u"web"_s}};
    return {{u"apiVersion"_s, u"apps/v1"_s},
            {u"kind"_s, kind},
            {u"metadata"_s, QJsonObject{{u"name"_s, u"web"_s}, {u"namespace"_s, u"shop"_s}}},
            {u"spec"_s, QJsonObject{{u"replicas"_s, replicas},
                                    {u"serviceName"_s, u"web"_s},
                                    {u"selector"_s, QJsonObject{{u"matchLabels"_s, labels}}},
                                    {u"template"_s, QJsonObject{{u"metadata"_s, QJsonObject{{u"labels"_s, labels}}},
                                                                {u"spec"_s, QJsonObject{{u"containers"_s, QJsonArray{QJsonObject{
                                                                    {u"name"_s, u"web"_s}, {u"image"_s, image}}}}}}}}}}};
}

} // namespace

class TestWorkloadRollout final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void deployment();
    void templateChangeMakesANewReplicaSet();
    void statefulSet();
    void digestsPerArchitecture();
};

void TestWorkloadRollout::deployment()
{
    const SettledWorkload settled = settleDeployment(workload(u"Deployment"_s, 3), u"amd64"_s);
    const QString replicaSet = settled.replicaSet[u"metadata"][u"name"].toString();
    QVERIFY(replicaSet.startsWith(u"web-"));
    QCOMPARE(settled.replicaSet[u"metadata"][u"ownerReferences"][0][u"name"].toString(), u"web"_s);
    QCOMPARE(settled.replicaSet[u"metadata"][u"annotations"][u"deployment.kubernetes.io/max-replicas"].toString(), u"4"_s);
    QCOMPARE(settled.pods.size(), 3);
    QSet<QString> names;
    for (const QJsonObject &pod : settled.pods) {
        names.insert(pod[u"metadata"][u"name"].toString());
        QVERIFY(pod[u"metadata"][u"name"].toString().startsWith(replicaSet + u'-'));
        QCOMPARE(pod[u"metadata"][u"labels"][u"pod-template-hash"].toString(), replicaSet.section(u'-', -1));
        QCOMPARE(pod[u"status"][u"phase"].toString(), u"Running"_s);
        QCOMPARE(pod[u"status"][u"qosClass"].toString(), u"BestEffort"_s);
    }
    QCOMPARE(names.size(), 3);
    QCOMPARE(settled.workload[u"status"][u"readyReplicas"].toInt(), 3);
    // The same Deployment always settles to the same names.
    QCOMPARE(settleDeployment(workload(u"Deployment"_s, 3), u"amd64"_s).pods.last(), settled.pods.last());
}

void TestWorkloadRollout::templateChangeMakesANewReplicaSet()
{
    const QString before = settleDeployment(workload(u"Deployment"_s, 1), u"amd64"_s).replicaSet[u"metadata"][u"name"].toString();
    const QString scaled = settleDeployment(workload(u"Deployment"_s, 2), u"amd64"_s).replicaSet[u"metadata"][u"name"].toString();
    const QString changed =
        settleDeployment(workload(u"Deployment"_s, 1, u"nginx:1.28"_s), u"amd64"_s).replicaSet[u"metadata"][u"name"].toString();
    QCOMPARE(scaled, before);   // scaling keeps the template
    QVERIFY(changed != before);
}

void TestWorkloadRollout::statefulSet()
{
    const SettledWorkload settled = settleStatefulSet(workload(u"StatefulSet"_s, 2), u"amd64"_s);
    QCOMPARE(settled.pods.size(), 2);
    QCOMPARE(settled.pods[1][u"metadata"][u"name"].toString(), u"web-1"_s);
    QCOMPARE(settled.pods[1][u"spec"][u"subdomain"].toString(), u"web"_s);
    QCOMPARE(settled.pods[1][u"metadata"][u"labels"][u"apps.kubernetes.io/pod-index"].toString(), u"1"_s);
    QCOMPARE(settled.workload[u"status"][u"currentRevision"], settled.pods[0][u"metadata"][u"labels"][u"controller-revision-hash"]);
}

void TestWorkloadRollout::digestsPerArchitecture()
{
    QVERIFY(imageDigest(u"nginx:1.27"_s, u"amd64"_s) != imageDigest(u"nginx:1.27"_s, u"arm64"_s));
    QVERIFY(imageDigest(u"nginx:1.27"_s, u"arm64"_s).startsWith(u"nginx@sha256:"));
    QCOMPARE(generatedSuffix(u"seed"_s).size(), 5);
}

QTEST_GUILESS_MAIN(TestWorkloadRollout)
#include "tst_workloadrollout.moc"
