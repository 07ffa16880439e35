#include "gitsmarthttp.h"

#include "githandles.h"
#include "pktline.h"

#include <QScopeGuard>
#include <QSet>

#include <algorithm>
#include <deque>
#include <functional>

#define ZLIB_CONST
#include <zlib.h>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Sandbox {

namespace {

using Response = GitSmartHttp::Response;

constexpr char uploadPackService[] = "git-upload-pack";
constexpr char receivePackService[] = "git-receive-pack";
constexpr char capabilities[] = "multi_ack_detailed side-band-64k thin-pack ofs-delta shallow no-progress include-tag";
constexpr char agent[] = "agent=fluxdeck-sandbox/1";
constexpr int infiniteDepth = 0x7fffffff; // what "git fetch --unshallow" asks for

QList<std::pair<QByteArray, QByteArray>> noCacheHeaders()
{
    return { { QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-cache, max-age=0, must-revalidate") } };
}

Response plainText(int status, const QString &text)
{
    return { status, QByteArrayLiteral("text/plain; charset=utf-8"), text.toUtf8() + '\n', noCacheHeaders() };
}

Response notFound()
{
    return plainText(404, u"Repository not found."_s);
}

Response readOnly()
{
    return plainText(403, u"Pushing is not supported: the sandbox's Git hosting is read-only."_s);
}

QByteArray rawKey(const git_oid &id)
{
    return QByteArray(reinterpret_cast<const char *>(id.id), GIT_OID_SHA1_SIZE);
}

QByteArray errPacket(const QByteArray &message)
{
    return PktLine::encode("ERR " + message + '\n');
}

// Follows annotated tags (and tags of tags) down to the object they name.
Domain::Result<git_oid> peelTags(git_repository *repository, const git_oid &id)
{
    git_oid current = id;
    for (int hops = 0; hops < 32; ++hops) {
        git_object *object = nullptr;
        if (const int rc = git_object_lookup(&object, repository, &current, GIT_OBJECT_ANY); rc < 0)
            return gitFailure(u"Could not read object %1."_s.arg(oidToString(current)), rc);
        const GitObjectPtr owned(object);
        if (git_object_type(object) != GIT_OBJECT_TAG)
            return current;
        current = *git_tag_target_id(reinterpret_cast<git_tag *>(object));
    }
    return Domain::failure(u"Tag %1 nests too deeply."_s.arg(oidToString(id)));
}

Domain::Result<git_object_t> objectType(git_repository *repository, const git_oid &id)
{
    git_object *object = nullptr;
    if (const int rc = git_object_lookup(&object, repository, &id, GIT_OBJECT_ANY); rc < 0)
        return gitFailure(u"Could not read object %1."_s.arg(oidToString(id)), rc);
    const GitObjectPtr owned(object);
    return git_object_type(object);
}

struct AdvertisedRef
{
    QByteArray name;
    git_oid id {};
    std::optional<git_oid> peeled; // set for annotated tags: what they finally point to
};

struct Advertisement
{
    QList<AdvertisedRef> refs; // HEAD first, then every ref by name
    QByteArray headTarget; // the branch HEAD points to, for symref=
};

Domain::Result<Advertisement> readAdvertisement(git_repository *repository)
{
    Advertisement advertisement;
    git_reference *head = nullptr;
    if (git_reference_lookup(&head, repository, "HEAD") == 0) {
        const GitReferencePtr owned(head);
        git_oid id;
        // An unborn HEAD (empty repository) is not advertised.
        if (git_reference_name_to_id(&id, repository, "HEAD") == 0) {
            advertisement.refs.append({ QByteArrayLiteral("HEAD"), id, std::nullopt });
            if (git_reference_type(head) == GIT_REFERENCE_SYMBOLIC)
                advertisement.headTarget = git_reference_symbolic_target(head);
        }
    }

    git_reference_iterator *rawIterator = nullptr;
    if (const int rc = git_reference_iterator_new(&rawIterator, repository); rc < 0)
        return gitFailure(u"Could not list the repository's references."_s, rc);
    const GitReferenceIteratorPtr iterator(rawIterator);
    QList<AdvertisedRef> refs;
    git_reference *reference = nullptr;
    int rc = 0;
    while ((rc = git_reference_next(&reference, iterator.get())) == 0) {
        const GitReferencePtr owned(reference);
        git_oid id;
        if (git_reference_name_to_id(&id, repository, git_reference_name(reference)) < 0)
            continue; // a dangling symbolic reference
        AdvertisedRef entry { git_reference_name(reference), id, std::nullopt };
        const auto peeled = peelTags(repository, id);
        if (!peeled)
            return std::unexpected(peeled.error());
        if (git_oid_cmp(&*peeled, &id) != 0)
            entry.peeled = *peeled;
        refs.append(entry);
    }
    if (rc != GIT_ITEROVER)
        return gitFailure(u"Could not list the repository's references."_s, rc);
    std::sort(refs.begin(), refs.end(), [](const AdvertisedRef &a, const AdvertisedRef &b) { return a.name < b.name; });
    advertisement.refs.append(refs);
    return advertisement;
}

// What the client asked for: the lines before the first flush.
struct UploadRequest
{
    QList<git_oid> wants;
    QSet<QByteArray> capabilities;
    QList<git_oid> clientShallows; // commits the client has without their parents
    int depth = 0;
    QList<PktLine> negotiation; // what follows the first flush: haves, flushes, "done"
};

enum class MultiAck { None, Basic, Detailed };

// The shallow boundaries a "deepen" request sets, computed as upload-pack does.
struct ShallowUpdate
{
    QList<git_oid> shallow; // new boundaries, sent as "shallow <id>"
    QList<git_oid> unshallow; // client boundaries now filled in, sent as "unshallow <id>"
};

// What goes into the pack: history from starts, minus what edges reach, cut at grafts.
struct PackInput
{
    QList<git_oid> starts; // the wanted commits (tags peeled)
    QList<git_oid> otherObjects; // wanted tags themselves, and wanted trees or blobs
    QList<git_oid> edges; // objects the client has
    QSet<QByteArray> grafts; // commits treated as having no parents (shallow boundaries)
};

class UploadPack
{
public:
    UploadPack(git_repository *repository, Advertisement advertisement)
        : m_repository(repository)
        , m_advertisement(std::move(advertisement))
    {
    }

    QByteArray respond(const QList<PktLine> &packets);

private:
    Domain::Result<UploadRequest> parseRequest(const QList<PktLine> &packets) const;
    Domain::Result<void> checkWants(const UploadRequest &request) const;
    Domain::Result<ShallowUpdate> deepen(const UploadRequest &request) const;
    bool okToGiveUp(const QList<git_oid> &wants, const QList<git_oid> &commonHaves) const;
    Domain::Result<QList<git_oid>> parents(const git_oid &commit, const QSet<QByteArray> &grafts) const;
    Domain::Result<QByteArray> buildPack(const PackInput &input, bool includeTags, size_t *objectCount) const;

    git_repository *m_repository;
    Advertisement m_advertisement;
};

Domain::Result<UploadRequest> UploadPack::parseRequest(const QList<PktLine> &packets) const
{
    UploadRequest request;
    qsizetype index = 0;
    for (; index < packets.size(); ++index) {
        const PktLine &packet = packets.at(index);
        if (packet.kind == PktLine::Kind::Flush) {
            ++index;
            break;
        }
        const QByteArray line = packet.text();
        if (packet.kind != PktLine::Kind::Data)
            return Domain::failure(u"upload-pack: protocol error, unexpected special packet"_s);
        if (line.startsWith("want ")) {
            git_oid id;
            const QByteArray rest = line.mid(5);
            if (!oidFromHex(QByteArrayView(rest).left(GIT_OID_SHA1_HEXSIZE), &id)
                || (rest.size() > GIT_OID_SHA1_HEXSIZE && rest.at(GIT_OID_SHA1_HEXSIZE) != ' '))
                return Domain::failure(
                    u"upload-pack: protocol error, expected to get object ID, not '%1'"_s.arg(QString::fromUtf8(line)));
            // Capabilities ride on the first want; later ones are taken too, harmlessly.
            for (const QByteArray &capability : rest.mid(GIT_OID_SHA1_HEXSIZE).split(' ')) {
                if (!capability.isEmpty())
                    request.capabilities.insert(capability);
            }
            if (std::none_of(request.wants.cbegin(), request.wants.cend(),
                    [&id](const git_oid &want) { return git_oid_equal(&want, &id); }))
                request.wants.append(id);
        } else if (line.startsWith("shallow ")) {
            git_oid id;
            if (!oidFromHex(QByteArrayView(line).sliced(8), &id))
                return Domain::failure(u"upload-pack: invalid shallow line: %1"_s.arg(QString::fromUtf8(line)));
            // A boundary we do not know cannot matter to what we send.
            const auto type = objectType(m_repository, id);
            if (type && *type == GIT_OBJECT_COMMIT)
                request.clientShallows.append(id);
        } else if (line.startsWith("deepen ")) {
            bool ok = false;
            request.depth = line.mid(7).toInt(&ok);
            if (!ok || request.depth <= 0)
                return Domain::failure(u"upload-pack: invalid deepen: %1"_s.arg(QString::fromUtf8(line)));
        } else if (line.startsWith("deepen-since ") || line.startsWith("deepen-not ") || line.startsWith("filter ")) {
            return Domain::failure(u"upload-pack: %1 is not supported by this server"_s.arg(
                QString::fromUtf8(line.left(line.indexOf(' ')))));
        } else {
            return Domain::failure(
                u"upload-pack: protocol error, expected to get object ID, not '%1'"_s.arg(QString::fromUtf8(line)));
        }
    }
    request.negotiation = packets.mid(index);
    return request;
}

// A want must be something we advertised, or (as HTTP is stateless and the refs may have moved
// since the advertisement) a commit those reach.
Domain::Result<void> UploadPack::checkWants(const UploadRequest &request) const
{
    QSet<QByteArray> advertised;
    std::vector<git_oid> tips;
    for (const AdvertisedRef &ref : m_advertisement.refs) {
        advertised.insert(rawKey(ref.id));
        if (ref.peeled)
            advertised.insert(rawKey(*ref.peeled));
        const auto type = objectType(m_repository, ref.peeled.value_or(ref.id));
        if (type && *type == GIT_OBJECT_COMMIT)
            tips.push_back(ref.peeled.value_or(ref.id));
    }
    for (const git_oid &want : request.wants) {
        if (advertised.contains(rawKey(want)))
            continue;
        const auto type = objectType(m_repository, want);
        const bool reachable = type && *type == GIT_OBJECT_COMMIT && !tips.empty()
            && git_graph_reachable_from_any(m_repository, &want, tips.data(), tips.size()) == 1;
        if (!reachable)
            return Domain::failure(u"upload-pack: not our ref %1"_s.arg(oidToString(want)));
    }
    return {};
}

Domain::Result<QList<git_oid>> UploadPack::parents(const git_oid &commitId, const QSet<QByteArray> &grafts) const
{
    if (grafts.contains(rawKey(commitId)))
        return QList<git_oid>();
    git_commit *commit = nullptr;
    if (const int rc = git_commit_lookup(&commit, m_repository, &commitId); rc < 0)
        return gitFailure(u"Could not read commit %1."_s.arg(oidToString(commitId)), rc);
    const GitCommitPtr owned(commit);
    QList<git_oid> result;
    for (unsigned int i = 0; i < git_commit_parentcount(commit); ++i)
        result.append(*git_commit_parent_id(commit, i));
    return result;
}

// upload-pack's depth rule: a wanted commit is at depth 0, and a commit whose depth + 1 reaches
// the requested depth is a boundary (its parents are not sent). Breadth first, so each commit
// gets its smallest depth.
Domain::Result<ShallowUpdate> UploadPack::deepen(const UploadRequest &request) const
{
    ShallowUpdate update;
    QSet<QByteArray> clientShallow;
    for (const git_oid &id : request.clientShallows)
        clientShallow.insert(rawKey(id));

    QSet<QByteArray> notShallow;
    if (request.depth == infiniteDepth) {
        for (const git_oid &id : request.clientShallows)
            notShallow.insert(rawKey(id));
    } else {
        QSet<QByteArray> seen;
        std::deque<std::pair<git_oid, int>> queue;
        for (const git_oid &want : request.wants) {
            const auto commit = peelTags(m_repository, want);
            if (!commit)
                return std::unexpected(commit.error());
            const auto type = objectType(m_repository, *commit);
            if (type && *type == GIT_OBJECT_COMMIT && !seen.contains(rawKey(*commit))) {
                seen.insert(rawKey(*commit));
                queue.emplace_back(*commit, 0);
            }
        }
        while (!queue.empty()) {
            const auto [commit, depth] = queue.front();
            queue.pop_front();
            if (depth + 1 >= request.depth) {
                if (!clientShallow.contains(rawKey(commit)))
                    update.shallow.append(commit);
                continue;
            }
            notShallow.insert(rawKey(commit));
            const auto parentIds = parents(commit, {});
            if (!parentIds)
                return std::unexpected(parentIds.error());
            for (const git_oid &parent : *parentIds) {
                if (!seen.contains(rawKey(parent))) {
                    seen.insert(rawKey(parent));
                    queue.emplace_back(parent, depth + 1);
                }
            }
        }
    }
    for (const git_oid &id : request.clientShallows) {
        if (notShallow.contains(rawKey(id)))
            update.unshallow.append(id);
    }
    return update;
}

// True when every wanted commit has something the client has in its history, so more haves
// would not make the pack smaller: the "ready" of multi_ack_detailed.
bool UploadPack::okToGiveUp(const QList<git_oid> &wants, const QList<git_oid> &commonHaves) const
{
    if (commonHaves.isEmpty())
        return false;
    for (const git_oid &want : wants) {
        const auto commit = peelTags(m_repository, want);
        if (!commit)
            return false;
        const auto type = objectType(m_repository, *commit);
        if (!type || *type != GIT_OBJECT_COMMIT)
            continue;
        const bool covered = std::any_of(commonHaves.cbegin(), commonHaves.cend(), [&](const git_oid &have) {
            return git_oid_equal(&have, &*commit) || git_graph_descendant_of(m_repository, &*commit, &have) == 1;
        });
        if (!covered)
            return false;
    }
    return true;
}

Domain::Result<QByteArray> UploadPack::buildPack(const PackInput &input, bool includeTags, size_t *objectCount) const
{
    // Commits the client has: the edges and their history (as far as its grafts go).
    QSet<QByteArray> hidden;
    QSet<QByteArray> uninteresting; // trees and blobs the client has
    std::deque<git_oid> queue;
    QList<git_oid> edgeCommits;
    for (const git_oid &edge : input.edges) {
        const auto type = objectType(m_repository, edge);
        if (!type)
            return std::unexpected(type.error());
        if (*type == GIT_OBJECT_COMMIT) {
            queue.push_back(edge);
            edgeCommits.append(edge);
        } else {
            uninteresting.insert(rawKey(edge)); // a have naming a tree or blob: rare, but allowed
        }
    }
    while (!queue.empty()) {
        const git_oid commit = queue.front();
        queue.pop_front();
        if (hidden.contains(rawKey(commit)))
            continue;
        hidden.insert(rawKey(commit));
        const auto parentIds = parents(commit, input.grafts);
        if (!parentIds)
            return std::unexpected(parentIds.error());
        queue.insert(queue.end(), parentIds->cbegin(), parentIds->cend());
    }

    // Commits to send, and the hidden commits right below them whose trees the client has.
    QList<git_oid> commits;
    QSet<QByteArray> sent;
    QSet<QByteArray> seen;
    queue.assign(input.starts.cbegin(), input.starts.cend());
    while (!queue.empty()) {
        const git_oid commit = queue.front();
        queue.pop_front();
        if (seen.contains(rawKey(commit)))
            continue;
        seen.insert(rawKey(commit));
        if (hidden.contains(rawKey(commit))) {
            edgeCommits.append(commit);
            continue;
        }
        commits.append(commit);
        sent.insert(rawKey(commit));
        const auto parentIds = parents(commit, input.grafts);
        if (!parentIds)
            return std::unexpected(parentIds.error());
        queue.insert(queue.end(), parentIds->cbegin(), parentIds->cend());
    }

    // Marks a tree and everything in it as already on the client.
    std::function<Domain::Result<void>(const git_oid &)> markTree = [&](const git_oid &treeId) -> Domain::Result<void> {
        if (uninteresting.contains(rawKey(treeId)))
            return {};
        uninteresting.insert(rawKey(treeId));
        git_tree *tree = nullptr;
        if (const int rc = git_tree_lookup(&tree, m_repository, &treeId); rc < 0)
            return gitFailure(u"Could not read tree %1."_s.arg(oidToString(treeId)), rc);
        const GitTreePtr owned(tree);
        for (size_t i = 0; i < git_tree_entrycount(tree); ++i) {
            const git_tree_entry *entry = git_tree_entry_byindex(tree, i);
            if (git_tree_entry_type(entry) == GIT_OBJECT_TREE) {
                if (const auto marked = markTree(*git_tree_entry_id(entry)); !marked)
                    return marked;
            } else if (git_tree_entry_type(entry) == GIT_OBJECT_BLOB) {
                uninteresting.insert(rawKey(*git_tree_entry_id(entry)));
            }
        }
        return {};
    };
    for (const git_oid &edge : std::as_const(edgeCommits)) {
        git_commit *commit = nullptr;
        if (const int rc = git_commit_lookup(&commit, m_repository, &edge); rc < 0)
            return gitFailure(u"Could not read commit %1."_s.arg(oidToString(edge)), rc);
        const GitCommitPtr owned(commit);
        if (const auto marked = markTree(*git_commit_tree_id(commit)); !marked)
            return std::unexpected(marked.error());
    }

    git_packbuilder *rawBuilder = nullptr;
    if (const int rc = git_packbuilder_new(&rawBuilder, m_repository); rc < 0)
        return gitFailure(u"Could not start a pack."_s, rc);
    const GitPackBuilderPtr builder(rawBuilder);
    QSet<QByteArray> inserted;
    const auto insert = [&](const git_oid &id, const char *name) -> Domain::Result<void> {
        if (inserted.contains(rawKey(id)) || uninteresting.contains(rawKey(id)))
            return {};
        inserted.insert(rawKey(id));
        if (const int rc = git_packbuilder_insert(builder.get(), &id, name); rc < 0)
            return gitFailure(u"Could not add object %1 to the pack."_s.arg(oidToString(id)), rc);
        return {};
    };
    // The path name lets the pack builder pair up versions of the same file as deltas.
    std::function<Domain::Result<void>(const git_oid &, const char *)> insertTree
        = [&](const git_oid &treeId, const char *name) -> Domain::Result<void> {
        if (inserted.contains(rawKey(treeId)) || uninteresting.contains(rawKey(treeId)))
            return {};
        if (const auto added = insert(treeId, name); !added)
            return added;
        git_tree *tree = nullptr;
        if (const int rc = git_tree_lookup(&tree, m_repository, &treeId); rc < 0)
            return gitFailure(u"Could not read tree %1."_s.arg(oidToString(treeId)), rc);
        const GitTreePtr owned(tree);
        for (size_t i = 0; i < git_tree_entrycount(tree); ++i) {
            const git_tree_entry *entry = git_tree_entry_byindex(tree, i);
            Domain::Result<void> added;
            if (git_tree_entry_type(entry) == GIT_OBJECT_TREE)
                added = insertTree(*git_tree_entry_id(entry), git_tree_entry_name(entry));
            else if (git_tree_entry_type(entry) == GIT_OBJECT_BLOB)
                added = insert(*git_tree_entry_id(entry), git_tree_entry_name(entry));
            if (!added)
                return added;
        }
        return {};
    };

    for (const git_oid &id : input.otherObjects) {
        const auto type = objectType(m_repository, id);
        if (!type)
            return std::unexpected(type.error());
        const auto added = *type == GIT_OBJECT_TREE ? insertTree(id, nullptr) : insert(id, nullptr);
        if (!added)
            return std::unexpected(added.error());
    }
    for (const git_oid &id : std::as_const(commits)) {
        git_commit *commit = nullptr;
        if (const int rc = git_commit_lookup(&commit, m_repository, &id); rc < 0)
            return gitFailure(u"Could not read commit %1."_s.arg(oidToString(id)), rc);
        const GitCommitPtr owned(commit);
        if (const auto added = insert(id, nullptr); !added)
            return std::unexpected(added.error());
        if (const auto added = insertTree(*git_commit_tree_id(commit), nullptr); !added)
            return std::unexpected(added.error());
    }
    // include-tag: annotated tags whose commit this pack carries come along.
    if (includeTags) {
        for (const AdvertisedRef &ref : m_advertisement.refs) {
            if (!ref.peeled || !sent.contains(rawKey(*ref.peeled)))
                continue;
            git_oid tagId = ref.id;
            while (true) {
                const auto type = objectType(m_repository, tagId);
                if (!type)
                    return std::unexpected(type.error());
                if (*type != GIT_OBJECT_TAG)
                    break;
                if (const auto added = insert(tagId, nullptr); !added)
                    return std::unexpected(added.error());
                git_tag *tag = nullptr;
                if (const int rc = git_tag_lookup(&tag, m_repository, &tagId); rc < 0)
                    return gitFailure(u"Could not read tag %1."_s.arg(oidToString(tagId)), rc);
                const GitTagPtr owned(tag);
                tagId = *git_tag_target_id(tag);
            }
        }
    }

    QByteArray pack;
    const int rc = git_packbuilder_foreach(
        builder.get(),
        [](void *buffer, size_t size, void *payload) -> int {
            static_cast<QByteArray *>(payload)->append(static_cast<const char *>(buffer), qsizetype(size));
            return 0;
        },
        &pack);
    if (rc < 0)
        return gitFailure(u"Could not write the pack."_s, rc);
    *objectCount = git_packbuilder_object_count(builder.get());
    return pack;
}

QByteArray UploadPack::respond(const QList<PktLine> &packets)
{
    const auto request = parseRequest(packets);
    if (!request)
        return errPacket(request.error().message.toUtf8());
    if (request->wants.isEmpty())
        return {}; // nothing wanted: the client is up to date
    if (const auto checked = checkWants(*request); !checked)
        return errPacket(checked.error().message.toUtf8());

    QByteArray out;
    PackInput input;
    for (const git_oid &id : request->clientShallows)
        input.grafts.insert(rawKey(id));
    if (request->depth > 0) {
        const auto update = deepen(*request);
        if (!update)
            return errPacket(update.error().message.toUtf8());
        // Without a trailing LF, as git sends them: libgit2 rejects these lines with one.
        for (const git_oid &id : update->shallow) {
            out += PktLine::encode("shallow " + oidToHex(id));
            input.grafts.insert(rawKey(id));
        }
        for (const git_oid &id : update->unshallow) {
            out += PktLine::encode("unshallow " + oidToHex(id));
            // The client has this commit; what it lacks starts at the parents.
            input.edges.append(id);
            const auto parentIds = parents(id, {});
            if (!parentIds)
                return out + errPacket(parentIds.error().message.toUtf8());
            input.starts.append(*parentIds);
        }
        out += PktLine::flush();
    }

    // A stateless client sends its deepen request alone first, to learn the shallow list; it
    // gets nothing more (git's upload-pack is gentle about this end of input too).
    if (request->negotiation.isEmpty())
        return out;

    const MultiAck multiAck = request->capabilities.contains("multi_ack_detailed") ? MultiAck::Detailed
        : request->capabilities.contains("multi_ack")                              ? MultiAck::Basic
                                                                                   : MultiAck::None;
    QList<git_oid> commonHaves;
    QByteArray lastCommon;
    bool gotCommon = false;
    bool gotOther = false;
    bool done = false;
    git_odb *rawOdb = nullptr;
    if (const int rc = git_repository_odb(&rawOdb, m_repository); rc < 0)
        return out + errPacket("upload-pack: " + gitErrorText(rc).toUtf8());
    const GitOdbPtr odb(rawOdb);
    for (const PktLine &packet : request->negotiation) {
        if (packet.kind != PktLine::Kind::Data)
            break; // the end of this round: stateless, so the end of the request too
        const QByteArray line = packet.text();
        if (line == "done") {
            done = true;
            break;
        }
        git_oid have;
        if (!line.startsWith("have ") || !oidFromHex(QByteArrayView(line).sliced(5), &have))
            return out + errPacket("upload-pack: expected SHA1 list, got '" + line + "'");
        if (!git_odb_exists(odb.get(), &have)) {
            gotOther = true;
            if (multiAck != MultiAck::None && okToGiveUp(request->wants, commonHaves))
                out += PktLine::encode(
                    "ACK " + oidToHex(have) + (multiAck == MultiAck::Detailed ? " ready\n" : " continue\n"));
            continue;
        }
        gotCommon = true;
        lastCommon = oidToHex(have);
        if (std::none_of(
                commonHaves.cbegin(), commonHaves.cend(), [&](const git_oid &id) { return git_oid_equal(&id, &have); }))
            commonHaves.append(have);
        if (multiAck == MultiAck::Detailed)
            out += PktLine::encode("ACK " + lastCommon + " common\n");
        else if (multiAck == MultiAck::Basic)
            out += PktLine::encode("ACK " + lastCommon + " continue\n");
        else if (commonHaves.size() == 1)
            out += PktLine::encode("ACK " + lastCommon + '\n');
    }

    if (!done) {
        if (multiAck == MultiAck::Detailed && gotCommon && !gotOther && okToGiveUp(request->wants, commonHaves))
            out += PktLine::encode("ACK " + lastCommon + " ready\n");
        if (commonHaves.isEmpty() || multiAck != MultiAck::None)
            out += PktLine::encode("NAK\n");
        return out;
    }
    if (commonHaves.isEmpty())
        out += PktLine::encode("NAK\n");
    else if (multiAck != MultiAck::None)
        out += PktLine::encode("ACK " + lastCommon + '\n');

    for (const git_oid &want : request->wants) {
        const auto target = peelTags(m_repository, want);
        if (!target)
            return out + errPacket(target.error().message.toUtf8());
        const auto type = objectType(m_repository, *target);
        if (!type)
            return out + errPacket(type.error().message.toUtf8());
        if (!git_oid_equal(&*target, &want))
            input.otherObjects.append(want); // the tag object itself
        if (*type == GIT_OBJECT_COMMIT)
            input.starts.append(*target);
        else
            input.otherObjects.append(*target);
    }
    input.edges.append(commonHaves);

    const qsizetype packetSize = request->capabilities.contains("side-band-64k") ? PktLine::maxPacketSize
        : request->capabilities.contains("side-band")                            ? PktLine::smallSidebandPacketSize
                                                                                 : 0;
    size_t objectCount = 0;
    const auto pack = buildPack(input, request->capabilities.contains("include-tag"), &objectCount);
    if (!pack) {
        const QByteArray message
            = "upload-pack: " + pack.error().message.toUtf8() + ' ' + pack.error().detail.toUtf8() + '\n';
        if (packetSize)
            return out + PktLine::sideband(3, message, packetSize) + PktLine::flush();
        return out + errPacket(message.trimmed());
    }
    if (!packetSize)
        return out + *pack; // without side-band the pack follows raw
    if (!request->capabilities.contains("no-progress"))
        out += PktLine::sideband(
            2, "Enumerating objects: " + QByteArray::number(qulonglong(objectCount)) + ", done.\n", packetSize);
    out += PktLine::sideband(1, *pack, packetSize);
    out += PktLine::flush();
    return out;
}

Domain::Result<QByteArray> gunzip(const QByteArray &compressed)
{
    z_stream stream {};
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK)
        return Domain::failure(u"Could not start decompressing the request."_s);
    const auto cleanup = qScopeGuard([&stream] { inflateEnd(&stream); });
    stream.next_in = reinterpret_cast<const Bytef *>(compressed.constData());
    stream.avail_in = uInt(compressed.size());
    QByteArray out;
    QByteArray buffer(64 * 1024, Qt::Uninitialized);
    int rc = Z_OK;
    do {
        stream.next_out = reinterpret_cast<Bytef *>(buffer.data());
        stream.avail_out = uInt(buffer.size());
        rc = inflate(&stream, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END)
            return Domain::failure(u"The request body is not valid gzip."_s,
                stream.msg ? QString::fromUtf8(stream.msg) : u"zlib error %1"_s.arg(rc));
        out.append(buffer.constData(), buffer.size() - qsizetype(stream.avail_out));
        if (out.size() > GitSmartHttp::maxRequestSize)
            return Domain::failure(u"The request is too large."_s);
    } while (rc != Z_STREAM_END);
    return out;
}

} // namespace

GitSmartHttp::GitSmartHttp() = default;
GitSmartHttp::~GitSmartHttp() = default;

GitSmartHttp::Response GitSmartHttp::infoRefs(const QString &bareRepoPath, const QString &service) const
{
    const auto repository = openGitRepository(bareRepoPath);
    if (!repository)
        return notFound();
    if (service == QLatin1StringView(receivePackService))
        return readOnly();
    if (service != QLatin1StringView(uploadPackService))
        return plainText(403, u"Only Git's smart HTTP protocol is served: ask for ?service=git-upload-pack."_s);

    const auto advertisement = readAdvertisement(repository->get());
    if (!advertisement)
        return plainText(500, advertisement.error().toString());

    QByteArray body = PktLine::encode("# service=" + QByteArray(uploadPackService) + '\n') + PktLine::flush();
    QByteArray capabilityList = capabilities;
    if (!advertisement->headTarget.isEmpty())
        capabilityList += " symref=HEAD:" + advertisement->headTarget;
    capabilityList += ' ';
    capabilityList += agent;
    if (advertisement->refs.isEmpty()) {
        // An empty repository still tells the client what it can do.
        body += PktLine::encode(
            QByteArray(GIT_OID_SHA1_HEXSIZE, '0') + " capabilities^{}" + '\0' + capabilityList + '\n');
    }
    bool first = true;
    for (const AdvertisedRef &ref : std::as_const(advertisement->refs)) {
        QByteArray line = oidToHex(ref.id) + ' ' + ref.name;
        if (first) {
            line += '\0';
            line += capabilityList;
        }
        first = false;
        body += PktLine::encode(line + '\n');
        if (ref.peeled)
            body += PktLine::encode(oidToHex(*ref.peeled) + ' ' + ref.name + "^{}\n");
    }
    body += PktLine::flush();
    return { 200, QByteArrayLiteral("application/x-git-upload-pack-advertisement"), body, noCacheHeaders() };
}

GitSmartHttp::Response GitSmartHttp::uploadPack(
    const QString &bareRepoPath, const QByteArray &requestBody, QByteArrayView contentEncoding) const
{
    const auto repository = openGitRepository(bareRepoPath);
    if (!repository)
        return notFound();

    QByteArray body = requestBody;
    const QByteArray encoding = contentEncoding.trimmed().toByteArray().toLower();
    if (encoding == "gzip" || encoding == "x-gzip") {
        auto decoded = gunzip(requestBody);
        if (!decoded)
            return plainText(400, decoded.error().toString());
        body = std::move(*decoded);
    } else if (!encoding.isEmpty() && encoding != "identity") {
        return plainText(415, u"Unsupported Content-Encoding: %1"_s.arg(QString::fromLatin1(encoding)));
    }
    if (body.size() > maxRequestSize)
        return plainText(413, u"The request is too large."_s);

    const auto packets = PktLine::decodeAll(body);
    if (!packets)
        return plainText(400, packets.error().toString());
    const auto advertisement = readAdvertisement(repository->get());
    if (!advertisement)
        return plainText(500, advertisement.error().toString());

    UploadPack session(repository->get(), *advertisement);
    return { 200, QByteArrayLiteral("application/x-git-upload-pack-result"), session.respond(*packets),
        noCacheHeaders() };
}

GitSmartHttp::Response GitSmartHttp::receivePack(const QString &bareRepoPath) const
{
    if (!openGitRepository(bareRepoPath))
        return notFound();
    return readOnly();
}

} // namespace Fluxdeck::Sandbox
