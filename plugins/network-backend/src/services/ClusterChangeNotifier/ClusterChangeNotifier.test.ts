import { mockServices } from '@backstage/backend-test-utils';
import { ClusterChangeNotifier, CLUSTER_CHANGED_CHANNEL } from './ClusterChangeNotifier';

describe('ClusterChangeNotifier', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('publishes one signal per cluster per period with the kinds that changed', async () => {
    const publish = jest.fn().mockResolvedValue(undefined);
    const notifier = new ClusterChangeNotifier({ signals: { publish }, logger: mockServices.logger.mock(), debounceMs: 500 });
    notifier.changed('demo', 'Pod');
    jest.advanceTimersByTime(300);
    notifier.changed('demo', 'HTTPRoute');
    notifier.changed('demo', 'Pod');
    notifier.changed('lab', 'Service');
    jest.advanceTimersByTime(199);
    expect(publish).toHaveBeenCalledTimes(0);
    jest.advanceTimersByTime(1);
    expect(publish).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(300);
    expect(publish).toHaveBeenCalledTimes(2);
    expect(publish).toHaveBeenCalledWith({ recipients: { type: 'broadcast' }, channel: CLUSTER_CHANGED_CHANNEL, message: { cluster: 'demo', kinds: ['HTTPRoute', 'Pod'] } });
    expect(publish).toHaveBeenCalledWith({ recipients: { type: 'broadcast' }, channel: 'network:cluster-changed', message: { cluster: 'lab', kinds: ['Service'] } });
    notifier.changed('demo', 'Gateway');
    notifier.stop();
    jest.advanceTimersByTime(1000);
    expect(publish).toHaveBeenCalledTimes(2);
  });
});

describe('ClusterChangeNotifier under a steady stream of events', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('still publishes every period instead of waiting for a quiet moment', () => {
    const publish = jest.fn().mockResolvedValue(undefined);
    const notifier = new ClusterChangeNotifier({ signals: { publish }, logger: mockServices.logger.mock(), debounceMs: 500 });
    for (let tick = 0; tick < 100; tick++) {
      notifier.changed('demo', 'Pod');
      jest.advanceTimersByTime(20);
    }
    expect(publish).toHaveBeenCalledTimes(4);
    notifier.stop();
  });
});
