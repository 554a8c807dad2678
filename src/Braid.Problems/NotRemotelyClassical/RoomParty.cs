namespace Braid.Problems.NotRemotelyClassical;

/// <summary>
/// 7.3 The room party problem: the dean enters only an empty room (to search it) or a party of at least N (to
/// break it up); while the dean is in, no student enters, and a dean breaking up a party leaves once it is empty.
/// </summary>
internal sealed class RoomParty() : Problem("room-party", "7.3", Parts.NotRemotelyClassical,
    ["the dean enters only an empty room or a party of at least 3", "no student enters while the dean is in the room",
     "the dean leaves only an empty room", "progress: every student parties"],
    [("dean-ignores-count", "the dean goes in whatever the number of students")])
{
    private const int N = 3, Students = 4;
    private const int NotHere = 0, Waiting = 1, InTheRoom = 2;

    internal override void Start(World w)
    {
        var mutex = w.Semaphore(1, "mutex");
        var turn = w.Semaphore(1, "turn");
        var clear = w.Semaphore(0, "clear");
        var lieIn = w.Semaphore(0, "lieIn");
        var students = 0;
        var dean = NotHere;
        w.Spawn("dean", async () =>
        {
            await mutex.Wait();
            if (students > 0 && students < N && !w.Is("dean-ignores-count"))
            {
                dean = Waiting;
                mutex.Signal();
                await lieIn.Wait(); // and the mutex, from the student who signals
            }
            w.Note("dean in", students);
            if (students >= N)
            {
                dean = InTheRoom;
                await turn.Wait(); // break up the party: no more students in
                mutex.Signal();
                await clear.Wait(); // and the mutex
                turn.Signal();
            }
            w.Note("dean out");
            dean = NotHere;
            mutex.Signal();
        });
        w.Spawn(Students, "student", async _ =>
        {
            await mutex.Wait();
            if (dean == InTheRoom)
            {
                mutex.Signal();
                await turn.Wait();
                turn.Signal();
                await mutex.Wait();
            }
            students++;
            w.Note("student in");
            if (students == N && dean == Waiting) lieIn.Signal(); // the mutex passes to the dean
            else mutex.Signal();
            await w.Yield(); // party
            await mutex.Wait();
            students--;
            w.Note("student out");
            if (students == 0 && dean == Waiting) lieIn.Signal();
            else if (students == 0 && dean == InTheRoom) clear.Signal();
            else mutex.Signal();
        });
    }

    internal override void Check(EventLog log)
    {
        var students = 0;
        var deanIn = false;
        foreach (var e in log.Events)
        {
            switch (e.What)
            {
                case "dean in":
                    EventLog.Require(students == 0 || students >= N, Rules[0], e, () => $"{e} with {students} students");
                    deanIn = true;
                    break;
                case "dean out":
                    EventLog.Require(students == 0, Rules[2], e, () => $"{e} with {students} students still in");
                    deanIn = false;
                    break;
                case "student in":
                    EventLog.Require(!deanIn, Rules[1], e, () => $"{e} while the dean is in");
                    students++;
                    break;
                case "student out": students--; break;
            }
        }
        log.Happened("student out", Students, Rules[3]);
    }
}
