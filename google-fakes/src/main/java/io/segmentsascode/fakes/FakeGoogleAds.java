package io.segmentsascode.fakes;

import com.google.ads.googleads.v23.common.CrmBasedUserListInfo;
import com.google.ads.googleads.v23.common.UserData;
import com.google.ads.googleads.v23.common.UserIdentifier;
import com.google.ads.googleads.v23.enums.CustomerMatchUploadKeyTypeEnum.CustomerMatchUploadKeyType;
import com.google.ads.googleads.v23.enums.OfflineUserDataJobStatusEnum.OfflineUserDataJobStatus;
import com.google.ads.googleads.v23.enums.OfflineUserDataJobTypeEnum.OfflineUserDataJobType;
import com.google.ads.googleads.v23.enums.UserListTypeEnum.UserListType;
import com.google.ads.googleads.v23.errors.AuthenticationErrorEnum.AuthenticationError;
import com.google.ads.googleads.v23.errors.AuthorizationErrorEnum.AuthorizationError;
import com.google.ads.googleads.v23.errors.ErrorCode;
import com.google.ads.googleads.v23.errors.ErrorLocation;
import com.google.ads.googleads.v23.errors.GoogleAdsError;
import com.google.ads.googleads.v23.errors.GoogleAdsFailure;
import com.google.ads.googleads.v23.errors.NotAllowlistedErrorEnum.NotAllowlistedError;
import com.google.ads.googleads.v23.errors.OfflineUserDataJobErrorEnum.OfflineUserDataJobError;
import com.google.ads.googleads.v23.errors.RangeErrorEnum.RangeError;
import com.google.ads.googleads.v23.errors.RequestErrorEnum.RequestError;
import com.google.ads.googleads.v23.errors.UserListErrorEnum.UserListError;
import com.google.ads.googleads.v23.resources.OfflineUserDataJob;
import com.google.ads.googleads.v23.resources.OfflineUserDataJobMetadata;
import com.google.ads.googleads.v23.resources.UserList;
import com.google.ads.googleads.v23.services.AddOfflineUserDataJobOperationsRequest;
import com.google.ads.googleads.v23.services.AddOfflineUserDataJobOperationsResponse;
import com.google.ads.googleads.v23.services.CreateOfflineUserDataJobRequest;
import com.google.ads.googleads.v23.services.CreateOfflineUserDataJobResponse;
import com.google.ads.googleads.v23.services.GoogleAdsRow;
import com.google.ads.googleads.v23.services.GoogleAdsServiceGrpc;
import com.google.ads.googleads.v23.services.MutateUserListResult;
import com.google.ads.googleads.v23.services.MutateUserListsRequest;
import com.google.ads.googleads.v23.services.MutateUserListsResponse;
import com.google.ads.googleads.v23.services.OfflineUserDataJobOperation;
import com.google.ads.googleads.v23.services.OfflineUserDataJobServiceGrpc;
import com.google.ads.googleads.v23.services.RunOfflineUserDataJobRequest;
import com.google.ads.googleads.v23.services.SearchGoogleAdsRequest;
import com.google.ads.googleads.v23.services.SearchGoogleAdsResponse;
import com.google.ads.googleads.v23.services.UserListOperation;
import com.google.ads.googleads.v23.services.UserListServiceGrpc;
import com.google.longrunning.GetOperationRequest;
import com.google.longrunning.Operation;
import com.google.protobuf.Any;
import com.google.protobuf.Empty;
import com.google.protobuf.Message;
import com.google.protobuf.util.FieldMaskUtil;
import com.google.rpc.Code;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A fake of the Google Ads API v23 on 127.0.0.1 (plaintext gRPC), for Customer Match: UserListService
 * (MutateUserLists), OfflineUserDataJobService (CreateOfflineUserDataJob, AddOfflineUserDataJobOperations,
 * RunOfflineUserDataJob as a long-running operation finished through google.longrunning.Operations/GetOperation),
 * GoogleAdsService.Search over {@code user_list}. Method names (for {@link Faults} and {@link CallLog}) are the RPC
 * names; mutating: MutateUserLists, CreateOfflineUserDataJob, AddOfflineUserDataJobOperations,
 * RunOfflineUserDataJob.
 *
 * <p>Every call must carry a {@code developer-token} header (else UNAUTHENTICATED) and a digits-only
 * {@code login-customer-id} header (else PERMISSION_DENIED): the calls of a manager account acting for its clients.
 * Errors carry a {@link GoogleAdsFailure} in the {@value #FAILURE_KEY} trailer as Google's do. Identifiers must be
 * SHA-256 digests in lowercase hex: anything else is rejected (INVALID_SHA256_FORMAT), so a test that passes proves no
 * contact data in clear was sent. {@link #setAllowlisted(boolean) setAllowlisted(false)} makes the account one Google
 * no longer lets use Customer Match through this API ({@code CUSTOMER_NOT_ALLOWLISTED_FOR_THIS_FEATURE}).
 */
public final class FakeGoogleAds implements AutoCloseable {
    public static final String API = "googleads";
    public static final String FAILURE_KEY = "google.ads.googleads.v23.errors.googleadsfailure-bin";
    public static final int MAX_IDENTIFIERS_PER_REQUEST = 100_000;
    public static final int MAX_IDENTIFIERS_PER_MEMBER = 20;

    private static final Metadata.Key<String> DEVELOPER_TOKEN =
            Metadata.Key.of("developer-token", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> LOGIN_CUSTOMER_ID =
            Metadata.Key.of("login-customer-id", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<byte[]> FAILURE = Metadata.Key.of(FAILURE_KEY, Metadata.BINARY_BYTE_MARSHALLER);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Set<String> UPDATABLE = Set.of("name", "description", "membership_life_span");

    private final CallLog log;
    private final Faults faults;
    private final Map<String, UserList> userLists = new LinkedHashMap<>();
    private final Map<String, Set<String>> members = new HashMap<>();
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final Map<String, String> operations = new HashMap<>(); // operation name -> job
    private final Set<String> rejected = new TreeSet<>();
    private boolean allowlisted = true;
    private int pollsBeforeDone = 1;
    private long counter = 1000;
    private Server netty;
    /** The Data Manager fake that shows the same lists; changes reach it once this fake's lock is released. */
    private FakeDataManager sharesListsWith;

    private final List<SharedUserList> toShare = new ArrayList<>();

    private static final class Job {
        OfflineUserDataJob job;
        final List<OfflineUserDataJobOperation> operations = new ArrayList<>();
        int polls;

        Job(OfflineUserDataJob job) {
            this.job = job;
        }
    }

    public FakeGoogleAds() {
        this(new CallLog(), new Faults());
    }

    /** With a call log and faults shared with the other fakes (see {@link GoogleFakes}). */
    public FakeGoogleAds(CallLog log, Faults faults) {
        this.log = log;
        this.faults = faults;
    }

    /** Starts a plaintext HTTP/2 server on 127.0.0.1:{@code port} (0 = any free port). */
    public FakeGoogleAds start(int port) throws IOException {
        ServerInterceptor headers = new Headers();
        netty = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                .addService(ServerInterceptors.intercept(new UserLists(), headers))
                .addService(ServerInterceptors.intercept(new Jobs(), headers))
                .addService(ServerInterceptors.intercept(new Search(), headers))
                .addService(ServerInterceptors.intercept(operationsService(), headers))
                .build()
                .start();
        return this;
    }

    public int port() {
        return netty.getPort();
    }

    /** 127.0.0.1:PORT, what {@code segments.googleAdsEndpoint} takes. */
    public String endpoint() {
        return "127.0.0.1:" + port();
    }

    @Override
    public void close() throws InterruptedException {
        if (netty != null) {
            netty.shutdownNow();
            netty.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    // ---- inspection, set-up

    public CallLog log() {
        return log;
    }

    public Faults faults() {
        return faults;
    }

    public synchronized List<UserList> userLists() {
        return List.copyOf(userLists.values());
    }

    /** Every hashed identifier (email or phone digest) the list holds now. */
    public synchronized Set<String> members(String userList) {
        return Set.copyOf(members.getOrDefault(userList, Set.of()));
    }

    public synchronized List<OfflineUserDataJob> jobs() {
        return jobs.values().stream().map(j -> j.job).toList();
    }

    /** The operations added to a job, in order. */
    public synchronized List<OfflineUserDataJobOperation> operations(String job) {
        return List.copyOf(jobs.get(job).operations);
    }

    /** Adds a list directly (made by someone else, or earlier), bypassing the API and the call log. */
    public UserList putUserList(String customerId, UserList list) {
        UserList put;
        synchronized (this) {
            put = userLists.get(create(customerId, list));
        }
        share();
        return put;
    }

    /** Lists this fake changes appear in {@code dataManager} and the other way round: one account, two APIs. */
    synchronized void shareListsWith(FakeDataManager dataManager) {
        this.sharesListsWith = dataManager;
    }

    /** A list the Data Manager fake created, changed or deleted, shown as Google Ads shows it. */
    synchronized void showShared(SharedUserList list) {
        String name = "customers/" + list.account() + "/userLists/" + list.id();
        if (list.deleted()) {
            userLists.remove(name);
            members.remove(name);
            return;
        }
        UserList current = userLists.get(name);
        UserList.Builder shown = current != null
                ? current.toBuilder()
                : UserList.newBuilder()
                        .setResourceName(name)
                        .setId(list.id())
                        .setType(UserListType.CRM_BASED)
                        .setEligibleForSearch(true)
                        .setEligibleForDisplay(true)
                        .setCrmBasedUserList(CrmBasedUserListInfo.newBuilder()
                                .setUploadKeyType(CustomerMatchUploadKeyType.CONTACT_INFO));
        userLists.put(
                name,
                shown.setName(list.name())
                        .setDescription(list.description())
                        .setMembershipLifeSpan(list.membershipDays())
                        .build());
        members.computeIfAbsent(name, k -> new TreeSet<>());
        counter = Math.max(counter, list.id());
    }

    private void toShare(String name, boolean deleted) {
        if (sharesListsWith == null) {
            return;
        }
        String[] parts = name.split("/");
        UserList list = deleted ? UserList.getDefaultInstance() : userLists.get(name);
        toShare.add(new SharedUserList(
                parts[1],
                Long.parseLong(parts[3]),
                list.getName(),
                list.getDescription(),
                list.getMembershipLifeSpan(),
                deleted));
    }

    /** Outside this fake's lock, so two fakes changing lists at once cannot wait for each other. */
    private void share() {
        List<SharedUserList> changes;
        FakeDataManager peer;
        synchronized (this) {
            changes = List.copyOf(toShare);
            toShare.clear();
            peer = sharesListsWith;
        }
        changes.forEach(change -> peer.showShared(change));
    }

    /** false: Customer Match calls fail with CUSTOMER_NOT_ALLOWLISTED_FOR_THIS_FEATURE, as for new adopters. */
    public synchronized void setAllowlisted(boolean allowlisted) {
        this.allowlisted = allowlisted;
    }

    /** Members with this identifier digest fail one by one (a partial failure), the rest of their request applies. */
    public synchronized void reject(String hashedIdentifier) {
        rejected.add(hashedIdentifier);
    }

    /** How many GetOperation calls see a job still running; 1 (default): the first poll finds it done. */
    public synchronized void setPollsBeforeDone(int polls) {
        this.pollsBeforeDone = Math.max(0, polls);
    }

    public synchronized void reset() {
        userLists.clear();
        members.clear();
        jobs.clear();
        operations.clear();
        rejected.clear();
        allowlisted = true;
    }

    // ---- services

    private final class UserLists extends UserListServiceGrpc.UserListServiceImplBase {
        @Override
        public void mutateUserLists(MutateUserListsRequest req, StreamObserver<MutateUserListsResponse> out) {
            handle("MutateUserLists", req.getCustomerId(), req, true, out, () -> {
                String customer = customer(req.getCustomerId());
                MutateUserListsResponse.Builder response = MutateUserListsResponse.newBuilder();
                for (UserListOperation op : req.getOperationsList()) {
                    String name = switch (op.getOperationCase()) {
                        case CREATE -> create(customer, op.getCreate());
                        case UPDATE -> update(op);
                        case REMOVE -> remove(op.getRemove());
                        default -> throw failure(Status.Code.INVALID_ARGUMENT, requestError(), "no operation");
                    };
                    response.addResults(MutateUserListResult.newBuilder().setResourceName(name));
                }
                return response.build();
            });
        }
    }

    private String create(String customer, UserList list) {
        if (!list.hasCrmBasedUserList()
                || list.getCrmBasedUserList().getUploadKeyType() == CustomerMatchUploadKeyType.UNSPECIFIED) {
            throw failure(
                    Status.Code.INVALID_ARGUMENT,
                    ErrorCode.newBuilder().setUserListError(UserListError.CONCRETE_TYPE_REQUIRED),
                    "crm_based_user_list.upload_key_type is required to create a Customer Match list");
        }
        checkLifeSpan(list.getMembershipLifeSpan());
        for (UserList existing : userLists.values()) {
            if (existing.getResourceName().startsWith("customers/" + customer + "/")
                    && existing.getName().equals(list.getName())) {
                throw failure(
                        Status.Code.INVALID_ARGUMENT,
                        ErrorCode.newBuilder().setUserListError(UserListError.NAME_ALREADY_USED),
                        "a user list named '" + list.getName() + "' exists");
            }
        }
        long id = ++counter;
        String name = "customers/" + customer + "/userLists/" + id;
        userLists.put(
                name,
                list.toBuilder()
                        .setResourceName(name)
                        .setId(id)
                        .setType(UserListType.CRM_BASED)
                        .setEligibleForSearch(true)
                        .setEligibleForDisplay(true)
                        .build());
        members.put(name, new TreeSet<>());
        toShare(name, false);
        return name;
    }

    private String update(UserListOperation op) {
        UserList current = requireList(op.getUpdate().getResourceName());
        for (String path : op.getUpdateMask().getPathsList()) {
            if (!UPDATABLE.contains(path)) {
                throw failure(Status.Code.INVALID_ARGUMENT, requestError(), "field cannot be updated here: " + path);
            }
        }
        if (op.getUpdateMask().getPathsList().contains("membership_life_span")) {
            checkLifeSpan(op.getUpdate().getMembershipLifeSpan());
        }
        UserList.Builder updated = current.toBuilder();
        FieldMaskUtil.merge(op.getUpdateMask(), op.getUpdate(), updated);
        userLists.put(current.getResourceName(), updated.build());
        toShare(current.getResourceName(), false);
        return current.getResourceName();
    }

    private String remove(String name) {
        requireList(name);
        userLists.remove(name);
        members.remove(name);
        toShare(name, true);
        return name;
    }

    private static void checkLifeSpan(long days) {
        if (days < 0 || days > 540) {
            throw failure(
                    Status.Code.INVALID_ARGUMENT,
                    ErrorCode.newBuilder().setRangeError(days < 0 ? RangeError.TOO_LOW : RangeError.TOO_HIGH),
                    "membership_life_span must be between 0 and 540 inclusive: " + days);
        }
    }

    private final class Jobs extends OfflineUserDataJobServiceGrpc.OfflineUserDataJobServiceImplBase {
        @Override
        public void createOfflineUserDataJob(
                CreateOfflineUserDataJobRequest req, StreamObserver<CreateOfflineUserDataJobResponse> out) {
            handle("CreateOfflineUserDataJob", req.getCustomerId(), req, true, out, () -> {
                String customer = customer(req.getCustomerId());
                checkAllowlisted();
                OfflineUserDataJob job = req.getJob();
                if (job.getType() != OfflineUserDataJobType.CUSTOMER_MATCH_USER_LIST) {
                    throw failure(Status.Code.INVALID_ARGUMENT, requestError(), "only CUSTOMER_MATCH_USER_LIST jobs");
                }
                requireList(job.getCustomerMatchUserListMetadata().getUserList());
                if (!job.getCustomerMatchUserListMetadata().hasConsent()) {
                    throw failure(
                            Status.Code.INVALID_ARGUMENT,
                            requestError(),
                            "customer_match_user_list_metadata.consent is required for users in the EEA");
                }
                long id = ++counter;
                String name = "customers/" + customer + "/offlineUserDataJobs/" + id;
                jobs.put(
                        name,
                        new Job(job.toBuilder()
                                .setResourceName(name)
                                .setId(id)
                                .setStatus(OfflineUserDataJobStatus.PENDING)
                                .build()));
                return CreateOfflineUserDataJobResponse.newBuilder()
                        .setResourceName(name)
                        .build();
            });
        }

        @Override
        public void addOfflineUserDataJobOperations(
                AddOfflineUserDataJobOperationsRequest req,
                StreamObserver<AddOfflineUserDataJobOperationsResponse> out) {
            handle("AddOfflineUserDataJobOperations", req.getResourceName(), req, true, out, () -> {
                checkAllowlisted();
                Job job = requireJob(req.getResourceName());
                if (job.job.getStatus() != OfflineUserDataJobStatus.PENDING) {
                    throw failure(
                            Status.Code.INVALID_ARGUMENT,
                            ErrorCode.newBuilder()
                                    .setOfflineUserDataJobError(OfflineUserDataJobError.JOB_ALREADY_STARTED),
                            "operations cannot be added to a job that was run");
                }
                int identifiers = req.getOperationsList().stream()
                        .mapToInt(op -> data(op).getUserIdentifiersCount())
                        .sum();
                if (identifiers > MAX_IDENTIFIERS_PER_REQUEST) {
                    throw failure(
                            Status.Code.INVALID_ARGUMENT,
                            ErrorCode.newBuilder()
                                    .setOfflineUserDataJobError(OfflineUserDataJobError.TOO_MANY_USER_IDENTIFIERS),
                            "Maximum number of user identifiers allowed per request is 100,000 and per operation is 20");
                }
                GoogleAdsFailure.Builder partial = GoogleAdsFailure.newBuilder();
                for (int i = 0; i < req.getOperationsCount(); i++) {
                    OfflineUserDataJobOperation op = req.getOperations(i);
                    Optional<String> problem = problem(data(op));
                    if (problem.isEmpty()) {
                        job.operations.add(op);
                        continue;
                    }
                    GoogleAdsError error = GoogleAdsError.newBuilder()
                            .setErrorCode(ErrorCode.newBuilder()
                                    .setOfflineUserDataJobError(OfflineUserDataJobError.INVALID_SHA256_FORMAT))
                            .setMessage(problem.get())
                            .setLocation(ErrorLocation.newBuilder()
                                    .addFieldPathElements(ErrorLocation.FieldPathElement.newBuilder()
                                            .setFieldName("operations")
                                            .setIndex(i)))
                            .build();
                    if (!req.getEnablePartialFailure()) {
                        throw new StatusRuntimeException(
                                Status.INVALID_ARGUMENT.withDescription(problem.get()),
                                trailers(GoogleAdsFailure.newBuilder()
                                        .addErrors(error)
                                        .build()));
                    }
                    partial.addErrors(error);
                }
                AddOfflineUserDataJobOperationsResponse.Builder response =
                        AddOfflineUserDataJobOperationsResponse.newBuilder();
                if (partial.getErrorsCount() > 0) {
                    response.setPartialFailureError(com.google.rpc.Status.newBuilder()
                            .setCode(Code.INVALID_ARGUMENT_VALUE)
                            .setMessage("Multiple errors in 'details'. First error: "
                                    + partial.getErrors(0).getMessage())
                            .addDetails(Any.pack(partial.build())));
                }
                return response.build();
            });
        }

        @Override
        public void runOfflineUserDataJob(RunOfflineUserDataJobRequest req, StreamObserver<Operation> out) {
            handle("RunOfflineUserDataJob", req.getResourceName(), req, true, out, () -> {
                checkAllowlisted();
                Job job = requireJob(req.getResourceName());
                if (job.job.getStatus() != OfflineUserDataJobStatus.PENDING) {
                    throw failure(
                            Status.Code.INVALID_ARGUMENT,
                            ErrorCode.newBuilder()
                                    .setOfflineUserDataJobError(OfflineUserDataJobError.JOB_ALREADY_STARTED),
                            "the job was run already");
                }
                job.job = job.job.toBuilder()
                        .setStatus(OfflineUserDataJobStatus.RUNNING)
                        .build();
                String operation =
                        req.getResourceName().replaceFirst("/offlineUserDataJobs/.*", "/operations/") + (++counter);
                operations.put(operation, req.getResourceName());
                return pollsBeforeDone == 0 ? finish(operation, job) : running(operation, job);
            });
        }
    }

    private final class Search extends GoogleAdsServiceGrpc.GoogleAdsServiceImplBase {
        @Override
        public void search(SearchGoogleAdsRequest req, StreamObserver<SearchGoogleAdsResponse> out) {
            handle("Search", req.getCustomerId(), req, false, out, () -> {
                String customer = customer(req.getCustomerId());
                if (!req.getQuery().matches("(?s)\\s*SELECT\\s.*\\sFROM\\s+user_list\\b.*")) {
                    throw failure(
                            Status.Code.INVALID_ARGUMENT, requestError(), "this fake answers queries FROM user_list");
                }
                SearchGoogleAdsResponse.Builder response = SearchGoogleAdsResponse.newBuilder();
                for (UserList list : userLists.values()) {
                    if (list.getResourceName().startsWith("customers/" + customer + "/")) {
                        long size = members.getOrDefault(list.getResourceName(), Set.of())
                                .size();
                        response.addResults(GoogleAdsRow.newBuilder()
                                .setUserList(
                                        list.toBuilder().setSizeForSearch(size).setSizeForDisplay(size)));
                    }
                }
                return response.build();
            });
        }
    }

    /** google.longrunning.Operations/GetOperation, written out: the Ads stubs carry no Operations service base. */
    private ServerServiceDefinition operationsService() {
        MethodDescriptor<GetOperationRequest, Operation> get =
                MethodDescriptor.<GetOperationRequest, Operation>newBuilder()
                        .setType(MethodDescriptor.MethodType.UNARY)
                        .setFullMethodName("google.longrunning.Operations/GetOperation")
                        .setRequestMarshaller(ProtoUtils.marshaller(GetOperationRequest.getDefaultInstance()))
                        .setResponseMarshaller(ProtoUtils.marshaller(Operation.getDefaultInstance()))
                        .build();
        return ServerServiceDefinition.builder("google.longrunning.Operations")
                .addMethod(
                        get,
                        ServerCalls.asyncUnaryCall((req, out) ->
                                handle("GetOperation", req.getName(), req, false, out, () -> {
                                    String jobName = operations.get(req.getName());
                                    if (jobName == null) {
                                        throw new StatusRuntimeException(
                                                Status.NOT_FOUND.withDescription("no operation " + req.getName()));
                                    }
                                    Job job = jobs.get(jobName);
                                    if (job.job.getStatus() == OfflineUserDataJobStatus.RUNNING) {
                                        job.polls++;
                                        return job.polls >= pollsBeforeDone
                                                ? finish(req.getName(), job)
                                                : running(req.getName(), job);
                                    }
                                    return done(req.getName(), job);
                                })))
                .build();
    }

    private Operation running(String operation, Job job) {
        return Operation.newBuilder()
                .setName(operation)
                .setDone(false)
                .setMetadata(Any.pack(OfflineUserDataJobMetadata.getDefaultInstance()))
                .build();
    }

    /** The job's operations take effect: removals and additions in the order they were added. */
    private Operation finish(String operation, Job job) {
        String list = job.job.getCustomerMatchUserListMetadata().getUserList();
        Set<String> held = members.computeIfAbsent(list, k -> new TreeSet<>());
        for (OfflineUserDataJobOperation op : job.operations) {
            List<String> ids = identifiers(data(op));
            if (op.hasRemove()) {
                held.removeAll(ids);
            } else if (op.getRemoveAll()) {
                held.clear();
            } else {
                held.addAll(ids);
            }
        }
        job.job =
                job.job.toBuilder().setStatus(OfflineUserDataJobStatus.SUCCESS).build();
        return done(operation, job);
    }

    private static Operation done(String operation, Job job) {
        return Operation.newBuilder()
                .setName(operation)
                .setDone(true)
                .setResponse(Any.pack(Empty.getDefaultInstance()))
                .setMetadata(Any.pack(OfflineUserDataJobMetadata.getDefaultInstance()))
                .build();
    }

    private static UserData data(OfflineUserDataJobOperation op) {
        return op.hasCreate() ? op.getCreate() : op.getRemove();
    }

    private static List<String> identifiers(UserData data) {
        List<String> ids = new ArrayList<>();
        for (UserIdentifier id : data.getUserIdentifiersList()) {
            switch (id.getIdentifierCase()) {
                case HASHED_EMAIL -> ids.add(id.getHashedEmail());
                case HASHED_PHONE_NUMBER -> ids.add(id.getHashedPhoneNumber());
                default -> ids.add("unsupported:" + id.getIdentifierCase());
            }
        }
        return ids;
    }

    /** Why Google would refuse this member, if it would. */
    private Optional<String> problem(UserData data) {
        if (data.getUserIdentifiersCount() == 0 || data.getUserIdentifiersCount() > MAX_IDENTIFIERS_PER_MEMBER) {
            return Optional.of("a member needs 1 to 20 user identifiers");
        }
        for (String id : identifiers(data)) {
            if (!SHA256.matcher(id).matches()) {
                return Optional.of("identifier is not a SHA-256 digest in lowercase hex");
            }
            if (rejected.contains(id)) {
                return Optional.of("identifier rejected (injected partial failure)");
            }
        }
        return Optional.empty();
    }

    private void checkAllowlisted() {
        if (!allowlisted) {
            throw failure(
                    Status.Code.PERMISSION_DENIED,
                    ErrorCode.newBuilder()
                            .setNotAllowlistedError(NotAllowlistedError.CUSTOMER_NOT_ALLOWLISTED_FOR_THIS_FEATURE),
                    "Customer is not allowlisted for accessing this feature.");
        }
    }

    private String customer(String id) {
        if (!DIGITS.matcher(id).matches()) {
            throw failure(
                    Status.Code.INVALID_ARGUMENT,
                    ErrorCode.newBuilder().setAuthenticationError(AuthenticationError.CLIENT_CUSTOMER_ID_INVALID),
                    "customer_id must be digits only: '" + id + "'");
        }
        return id;
    }

    private UserList requireList(String name) {
        UserList list = userLists.get(name);
        if (list == null) {
            throw failure(
                    Status.Code.INVALID_ARGUMENT,
                    ErrorCode.newBuilder().setOfflineUserDataJobError(OfflineUserDataJobError.INVALID_USER_LIST_ID),
                    "no user list " + name);
        }
        return list;
    }

    private Job requireJob(String name) {
        Job job = jobs.get(name);
        if (job == null) {
            throw new StatusRuntimeException(Status.NOT_FOUND.withDescription("no offline user data job " + name));
        }
        return job;
    }

    private static ErrorCode.Builder requestError() {
        return ErrorCode.newBuilder().setRequestError(RequestError.UNKNOWN);
    }

    private static StatusRuntimeException failure(Status.Code code, ErrorCode.Builder error, String message) {
        GoogleAdsFailure failure = GoogleAdsFailure.newBuilder()
                .addErrors(GoogleAdsError.newBuilder().setErrorCode(error).setMessage(message))
                .build();
        return new StatusRuntimeException(Status.fromCode(code).withDescription(message), trailers(failure));
    }

    private static Metadata trailers(GoogleAdsFailure failure) {
        Metadata trailers = new Metadata();
        trailers.put(FAILURE, failure.toByteArray());
        return trailers;
    }

    /** Checks the headers every Google Ads API call carries before the call reaches a service. */
    private final class Headers implements ServerInterceptor {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(
                ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            String token = headers.get(DEVELOPER_TOKEN);
            String login = headers.get(LOGIN_CUSTOMER_ID);
            StatusRuntimeException refused = null;
            if (token == null || token.isBlank()) {
                refused = failure(
                        Status.Code.UNAUTHENTICATED,
                        ErrorCode.newBuilder().setAuthenticationError(AuthenticationError.AUTHENTICATION_ERROR),
                        "The developer-token header is missing.");
            } else if (login == null || !DIGITS.matcher(login).matches()) {
                refused = failure(
                        Status.Code.PERMISSION_DENIED,
                        ErrorCode.newBuilder().setAuthorizationError(AuthorizationError.USER_PERMISSION_DENIED),
                        "The login-customer-id header is missing or not digits only: the manager account acting"
                                + " for this customer must be named.");
            }
            if (refused == null) {
                return next.startCall(call, headers);
            }
            log.add(
                    API,
                    call.getMethodDescriptor().getBareMethodName(),
                    "",
                    "",
                    false,
                    refused.getStatus().getCode().name(),
                    false);
            call.close(refused.getStatus(), refused.getTrailers());
            return new ServerCall.Listener<>() {};
        }
    }

    private <T> void handle(
            String method, String target, Message req, boolean mutating, StreamObserver<T> out, Supplier<T> body) {
        Optional<Fault> fault = faults.before(method);
        T resp;
        try {
            resp = locked(method, target, req, mutating, out, body, fault);
        } finally {
            share();
        }
        if (resp != null) {
            out.onNext(resp);
            out.onCompleted();
        }
    }

    /** The call under this fake's lock: its answer, or null when an error was sent instead. */
    private synchronized <T> T locked(
            String method,
            String target,
            Message req,
            boolean mutating,
            StreamObserver<T> out,
            Supplier<T> body,
            Optional<Fault> fault) {
        T resp;
        String request = FakeDataTransfer.print(req);
        if (fault.isPresent()) {
            log.add(
                    API,
                    method,
                    target,
                    request,
                    mutating,
                    fault.get().grpcCode().name(),
                    false);
            out.onError(Status.fromCode(fault.get().grpcCode())
                    .withDescription(fault.get().message())
                    .asRuntimeException());
            return null;
        }
        try {
            resp = body.get();
        } catch (StatusRuntimeException e) {
            log.add(
                    API,
                    method,
                    target,
                    request,
                    mutating,
                    e.getStatus().getCode().name(),
                    false);
            out.onError(e);
            return null;
        }
        if (mutating) faults.mutated();
        Optional<Fault> late = faults.after(method);
        if (late.isPresent()) {
            log.add(
                    API,
                    method,
                    target,
                    request,
                    mutating,
                    late.get().grpcCode().name() + " (applied)",
                    true);
            out.onError(Status.fromCode(late.get().grpcCode())
                    .withDescription(late.get().message())
                    .asRuntimeException());
            return null;
        }
        log.add(API, method, target, request, mutating, "OK", true);
        return resp;
    }
}
