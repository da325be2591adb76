// The Muster sandbox's stand-in for https://telegram.org/js/telegram-web-app.js: what a Mini App sees
// of its Telegram client, for Mini Apps opened in the sandbox page's panel (an iframe). Like
// Telegram's script on the web it reads the launch parameters from location.hash (and from
// sessionStorage after a reload), defines window.Telegram.WebApp, and talks to the embedding page
// with window.parent.postMessage(JSON.stringify({eventType, eventData}), '*'). Only the part of the
// API the sandbox's client implements is here; the rest of Telegram's script is left out.
(function () {
  'use strict';

  var STORAGE_PREFIX = '__telegram__';
  var isIframe = false;
  try {
    isIframe = window.parent != null && window.parent !== window;
  } catch (e) {
    isIframe = false;
  }

  // ---- launch parameters

  function decode(text) {
    try {
      return decodeURIComponent(String(text).replace(/\+/g, '%20'));
    } catch (e) {
      return text;
    }
  }

  function parseQuery(query) {
    var params = {};
    if (!query) return params;
    query.split('&').forEach(function (pair) {
      if (!pair) return;
      var at = pair.indexOf('=');
      var name = decode(at < 0 ? pair : pair.slice(0, at));
      params[name] = at < 0 ? null : decode(pair.slice(at + 1));
    });
    return params;
  }

  /** '#a=1&b=2', '#path?a=1' or '#path', as Telegram's script reads them. */
  function parseHash(hash) {
    hash = String(hash || '').replace(/^#/, '');
    if (!hash) return {};
    if (hash.indexOf('=') < 0 && hash.indexOf('?') < 0) return {_path: decode(hash)};
    var params = {};
    var question = hash.indexOf('?');
    if (question >= 0) {
      params._path = decode(hash.slice(0, question));
      hash = hash.slice(question + 1);
    }
    var query = parseQuery(hash);
    for (var key in query) params[key] = query[key];
    return params;
  }

  function storageGet(key) {
    try {
      return JSON.parse(window.sessionStorage.getItem(STORAGE_PREFIX + key));
    } catch (e) {
      return null;
    }
  }

  function storageSet(key, value) {
    try {
      window.sessionStorage.setItem(STORAGE_PREFIX + key, JSON.stringify(value));
    } catch (e) {
      // no storage (a sandboxed frame without allow-same-origin): the hash is all there is
    }
  }

  var hash = '';
  try {
    hash = location.hash.toString();
  } catch (e) {
    hash = '';
  }
  var initParams = parseHash(hash);
  var stored = storageGet('initParams');
  if (stored) {
    for (var storedKey in stored) {
      if (typeof initParams[storedKey] === 'undefined') initParams[storedKey] = stored[storedKey];
    }
  }
  storageSet('initParams', initParams);

  // ---- the wire to the client (the sandbox page)

  var handlers = {};

  function postEvent(eventType, eventData) {
    if (eventData === undefined) eventData = '';
    if (!isIframe) return false;
    try {
      window.parent.postMessage(JSON.stringify({eventType: eventType, eventData: eventData}), '*');
      return true;
    } catch (e) {
      return false;
    }
  }

  function on(name, callback) {
    (handlers[name] = handlers[name] || []);
    if (handlers[name].indexOf(callback) < 0) handlers[name].push(callback);
  }

  function off(name, callback) {
    var list = handlers[name];
    if (!list) return;
    var at = list.indexOf(callback);
    if (at >= 0) list.splice(at, 1);
  }

  /** Calls the Mini App's handlers of a WebApp event (mainButtonClicked, themeChanged, ...) with `this` the WebApp. */
  function emit(name) {
    var args = Array.prototype.slice.call(arguments, 1);
    (handlers[name] || []).slice().forEach(function (callback) {
      try {
        callback.apply(WebApp, args);
      } catch (e) {
        if (window.console) console.error('[Telegram.WebApp] event handler failed', e);
      }
    });
  }

  // ---- theme and viewport

  var themeParams = {};
  var colorScheme = 'light';
  var isExpanded = true;
  var viewportHeight = false;
  var viewportStableHeight = false;

  function setCss(name, value) {
    var root = document.documentElement;
    if (root && root.style && root.style.setProperty) root.style.setProperty('--tg-' + name, value);
  }

  function toHex(color) {
    var text = String(color);
    var match = /^\s*#([0-9a-f]{6})\s*$/i.exec(text);
    if (match) return '#' + match[1].toLowerCase();
    match = /^\s*#([0-9a-f])([0-9a-f])([0-9a-f])\s*$/i.exec(text);
    if (match) return ('#' + match[1] + match[1] + match[2] + match[2] + match[3] + match[3]).toLowerCase();
    match = /^\s*rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*[\d.]+)?\)\s*$/.exec(text);
    if (match) {
      return '#' + [match[1], match[2], match[3]].map(function (part) {
        var hex = Math.min(255, parseInt(part, 10)).toString(16);
        return hex.length < 2 ? '0' + hex : hex;
      }).join('');
    }
    return null;
  }

  /** Telegram's rule: a background whose perceived brightness is under 120 of 255 is dark. */
  function isDark(hex) {
    var r = parseInt(hex.substr(1, 2), 16);
    var g = parseInt(hex.substr(3, 2), 16);
    var b = parseInt(hex.substr(5, 2), 16);
    return Math.sqrt(0.299 * r * r + 0.587 * g * g + 0.114 * b * b) < 120;
  }

  function setThemeParams(params) {
    for (var key in params) {
      var color = toHex(params[key]);
      if (!color) continue;
      themeParams[key] = color;
      if (key === 'bg_color') {
        colorScheme = isDark(color) ? 'dark' : 'light';
        setCss('color-scheme', colorScheme);
      }
      setCss('theme-' + key.split('_').join('-'), color);
    }
    storageSet('themeParams', themeParams);
  }

  if (initParams.tgWebAppThemeParams) {
    try {
      setThemeParams(JSON.parse(initParams.tgWebAppThemeParams) || {});
    } catch (e) {
      // unreadable theme: Telegram's script ignores it as well
    }
  }
  var storedTheme = storageGet('themeParams');
  if (storedTheme) setThemeParams(storedTheme);

  function applyViewport() {
    setCss('viewport-height', viewportHeight === false ? '100vh' : viewportHeight + 'px');
    setCss('viewport-stable-height', viewportStableHeight === false ? '100vh' : viewportStableHeight + 'px');
  }

  // ---- initData

  var initData = initParams.tgWebAppData || '';
  var initDataUnsafe = {};
  if (initData) {
    var fields = parseQuery(initData);
    for (var field in fields) {
      var value = fields[field];
      if (typeof value === 'string' && /^(\{.*\}|\[.*\])$/.test(value)) {
        try {
          value = JSON.parse(value);
        } catch (e) {
          // kept as the text it was
        }
      }
      initDataUnsafe[field] = value;
    }
    if (typeof initDataUnsafe.auth_date === 'string' && /^\d+$/.test(initDataUnsafe.auth_date)) {
      initDataUnsafe.auth_date = Number(initDataUnsafe.auth_date);
    }
  }
  var version = initParams.tgWebAppVersion || '6.0';
  var platform = initParams.tgWebAppPlatform || 'unknown';

  function versionAtLeast(wanted) {
    var a = String(version).split('.');
    var b = String(wanted).split('.');
    for (var i = 0; i < Math.max(a.length, b.length); i++) {
      var x = parseInt(a[i], 10) || 0;
      var y = parseInt(b[i], 10) || 0;
      if (x !== y) return x > y;
    }
    return true;
  }

  // ---- the buttons

  function trimmed(text) {
    return String(text).replace(/^\s+|\s+$/g, '');
  }

  var WebApp = {};

  var mainButton = (function () {
    var state = {text: 'Continue', color: false, textColor: false, isVisible: false, isActive: true, isProgressVisible: false};
    var sent = null;
    var button = {};

    function params() {
      if (!state.isVisible) return {is_visible: false};
      return {is_visible: true, is_active: state.isActive, is_progress_visible: state.isProgressVisible, text: state.text,
        color: button.color, text_color: button.textColor, has_shine_effect: false};
    }

    function update() {
      var now = params();
      var text = JSON.stringify(now);
      if (text === sent) return;
      sent = text;
      postEvent('web_app_setup_main_button', now);
    }

    function invalid(message, value) {
      if (window.console) console.error('[Telegram.WebApp] ' + message, value);
      return new Error('WebAppBottomButtonParamInvalid');
    }

    function setParams(given) {
      given = given || {};
      if (typeof given.text !== 'undefined') {
        var text = trimmed(given.text);
        if (!text.length) throw invalid('Bottom button text is required', given.text);
        if (text.length > 64) throw invalid('Bottom button text is too long', text);
        state.text = text;
      }
      if (typeof given.color !== 'undefined') {
        if (given.color === false || given.color === null) state.color = false;
        else if (!(state.color = toHex(given.color))) throw invalid('Bottom button color format is invalid', given.color);
      }
      if (typeof given.text_color !== 'undefined') {
        if (given.text_color === false || given.text_color === null) state.textColor = false;
        else if (!(state.textColor = toHex(given.text_color))) throw invalid('Bottom button text color format is invalid', given.text_color);
      }
      if (typeof given.is_visible !== 'undefined') {
        if (given.is_visible && !state.text.length) throw invalid('Bottom button text is required');
        state.isVisible = !!given.is_visible;
      }
      if (typeof given.is_active !== 'undefined') state.isActive = !!given.is_active;
      update();
      return button;
    }

    Object.defineProperty(button, 'type', {get: function () { return 'main'; }, enumerable: true});
    Object.defineProperty(button, 'text', {
      get: function () { return state.text; }, set: function (v) { setParams({text: v}); }, enumerable: true});
    Object.defineProperty(button, 'color', {
      get: function () { return state.color || themeParams.button_color || '#2481cc'; },
      set: function (v) { setParams({color: v}); }, enumerable: true});
    Object.defineProperty(button, 'textColor', {
      get: function () { return state.textColor || themeParams.button_text_color || '#ffffff'; },
      set: function (v) { setParams({text_color: v}); }, enumerable: true});
    Object.defineProperty(button, 'isVisible', {
      get: function () { return state.isVisible; }, set: function (v) { setParams({is_visible: v}); }, enumerable: true});
    Object.defineProperty(button, 'isActive', {
      get: function () { return state.isActive; }, set: function (v) { setParams({is_active: v}); }, enumerable: true});
    Object.defineProperty(button, 'isProgressVisible', {get: function () { return state.isProgressVisible; }, enumerable: true});
    Object.defineProperty(button, 'hasShineEffect', {get: function () { return false; }, enumerable: true});

    button.setParams = setParams;
    button.setText = function (text) { return setParams({text: text}); };
    button.show = function () { return setParams({is_visible: true}); };
    button.hide = function () { return setParams({is_visible: false}); };
    button.enable = function () { return setParams({is_active: true}); };
    button.disable = function () { return setParams({is_active: false}); };
    button.showProgress = function (leaveActive) {
      state.isActive = !!leaveActive;
      state.isProgressVisible = true;
      update();
      return button;
    };
    button.hideProgress = function () {
      state.isActive = true;
      state.isProgressVisible = false;
      update();
      return button;
    };
    button.onClick = function (callback) { on('mainButtonClicked', callback); return button; };
    button.offClick = function (callback) { off('mainButtonClicked', callback); return button; };
    return {
      button: button,
      refresh: update,
      pressed: function () {
        if (state.isActive) emit('mainButtonClicked');
      },
    };
  })();
  var MainButton = mainButton.button;

  var BackButton = (function () {
    var visible = false;
    var sent = null;
    var button = {};

    function setVisible(value) {
      visible = !!value;
      var text = JSON.stringify({is_visible: visible});
      if (text !== sent) {
        sent = text;
        postEvent('web_app_setup_back_button', {is_visible: visible});
      }
      return button;
    }

    Object.defineProperty(button, 'isVisible', {
      get: function () { return visible; }, set: function (v) { setVisible(v); }, enumerable: true});
    button.show = function () { return setVisible(true); };
    button.hide = function () { return setVisible(false); };
    button.onClick = function (callback) { on('backButtonClicked', callback); return button; };
    button.offClick = function (callback) { off('backButtonClicked', callback); return button; };
    return button;
  })();

  var HapticFeedback = {
    impactOccurred: function () { return HapticFeedback; },
    notificationOccurred: function () { return HapticFeedback; },
    selectionChanged: function () { return HapticFeedback; },
  };

  // ---- popups

  var popup = null;

  function popupInvalid(message, value) {
    if (window.console) console.error('[Telegram.WebApp] ' + message, value);
    return new Error('WebAppPopupParamInvalid');
  }

  function showPopup(params, callback) {
    if (popup) {
      if (window.console) console.error('[Telegram.WebApp] Popup is already opened');
      throw new Error('WebAppPopupOpened');
    }
    params = params || {};
    var sent = {};
    if (typeof params.title !== 'undefined') {
      var title = trimmed(params.title);
      if (title.length > 64) throw popupInvalid('Popup title is too long', title);
      if (title.length) sent.title = title;
    }
    var message = typeof params.message === 'undefined' ? '' : trimmed(params.message);
    if (!message.length) throw popupInvalid('Popup message is required', params.message);
    if (message.length > 256) throw popupInvalid('Popup message is too long', message);
    sent.message = message;
    var buttons = [];
    if (typeof params.buttons === 'undefined') {
      buttons.push({id: '', type: 'close'});
    } else {
      if (!Array.isArray(params.buttons)) throw popupInvalid('Popup buttons should be an array', params.buttons);
      params.buttons.forEach(function (given) {
        var id = typeof given.id === 'undefined' ? '' : String(given.id);
        if (id.length > 64) throw popupInvalid('Popup button id is too long', id);
        var type = typeof given.type === 'undefined' ? 'default' : given.type;
        var button = {id: id, type: type};
        if (type === 'default' || type === 'destructive') {
          var text = typeof given.text === 'undefined' ? '' : trimmed(given.text);
          if (!text.length) throw popupInvalid('Popup button text is required for type ' + type, given.text);
          if (text.length > 64) throw popupInvalid('Popup button text is too long', text);
          button.text = text;
        } else if (type !== 'ok' && type !== 'close' && type !== 'cancel') {
          throw popupInvalid('Popup button type is invalid', type);
        }
        buttons.push(button);
      });
    }
    if (buttons.length < 1 || buttons.length > 3) throw popupInvalid('Popup should have 1 to 3 buttons', buttons.length);
    sent.buttons = buttons;
    popup = {callback: callback};
    postEvent('web_app_open_popup', sent);
  }

  // ---- events from the client

  function receive(eventType, eventData) {
    eventData = eventData || {};
    switch (eventType) {
      case 'main_button_pressed':
        mainButton.pressed();
        break;
      case 'back_button_pressed':
        emit('backButtonClicked');
        break;
      case 'popup_closed': {
        var open = popup;
        popup = null;
        var buttonId = typeof eventData.button_id === 'undefined' ? null : eventData.button_id;
        if (open && open.callback) {
          try {
            open.callback(buttonId);
          } catch (e) {
            if (window.console) console.error('[Telegram.WebApp] popup callback failed', e);
          }
        }
        if (open) emit('popupClosed', {button_id: buttonId});
        break;
      }
      case 'theme_changed':
        if (eventData.theme_params) {
          setThemeParams(eventData.theme_params);
          mainButton.refresh();
          emit('themeChanged');
        }
        break;
      case 'viewport_changed':
        if (eventData.height) {
          isExpanded = !!eventData.is_expanded;
          viewportHeight = eventData.height;
          if (eventData.is_state_stable) viewportStableHeight = eventData.height;
          applyViewport();
          emit('viewportChanged', {isStateStable: !!eventData.is_state_stable});
        }
        break;
      default:
        break;
    }
  }

  if (isIframe) {
    window.addEventListener('message', function (event) {
      if (event.source !== window.parent) return;
      var message;
      try {
        message = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      if (!message || !message.eventType) return;
      if (message.eventType === 'reload_iframe') {
        postEvent('iframe_will_reload');
        location.reload();
        return;
      }
      receive(message.eventType, message.eventData);
    });
  }

  // ---- window.Telegram.WebApp

  function readOnly(name, get) {
    Object.defineProperty(WebApp, name, {get: get, enumerable: true});
  }

  readOnly('initData', function () { return initData; });
  readOnly('initDataUnsafe', function () { return initDataUnsafe; });
  readOnly('version', function () { return version; });
  readOnly('platform', function () { return platform; });
  readOnly('colorScheme', function () { return colorScheme; });
  readOnly('themeParams', function () { return themeParams; });
  readOnly('isExpanded', function () { return isExpanded; });
  readOnly('viewportHeight', function () { return viewportHeight === false ? window.innerHeight : viewportHeight; });
  readOnly('viewportStableHeight', function () {
    return viewportStableHeight === false ? window.innerHeight : viewportStableHeight;
  });
  Object.defineProperty(WebApp, 'MainButton', {value: MainButton, enumerable: true});
  Object.defineProperty(WebApp, 'BackButton', {value: BackButton, enumerable: true});
  Object.defineProperty(WebApp, 'HapticFeedback', {value: HapticFeedback, enumerable: true});

  WebApp.isVersionAtLeast = versionAtLeast;
  WebApp.onEvent = on;
  WebApp.offEvent = off;
  WebApp.ready = function () { postEvent('web_app_ready'); };
  WebApp.expand = function () { postEvent('web_app_expand'); };
  WebApp.close = function () { postEvent('web_app_close', {}); };
  WebApp.showPopup = showPopup;
  WebApp.showAlert = function (message, callback) {
    showPopup({message: message}, callback ? function () { callback(); } : null);
  };
  WebApp.showConfirm = function (message, callback) {
    showPopup({message: message, buttons: [{type: 'ok', id: 'ok'}, {type: 'cancel'}]},
      callback ? function (buttonId) { callback(buttonId === 'ok'); } : null);
  };
  WebApp.openLink = function (url) {
    var link = document.createElement('a');
    link.href = url;
    if (link.protocol !== 'http:' && link.protocol !== 'https:') throw new Error('WebAppTgUrlInvalid');
    postEvent('web_app_open_link', {url: link.href});
  };
  WebApp.openTelegramLink = function (url) {
    var link = document.createElement('a');
    link.href = url;
    if ((link.protocol !== 'http:' && link.protocol !== 'https:') || link.hostname !== 't.me') {
      throw new Error('WebAppTgUrlInvalid');
    }
    postEvent('web_app_open_tg_link', {path_full: link.pathname + link.search});
  };

  if (!window.Telegram) window.Telegram = {};
  window.Telegram.WebApp = WebApp;
  window.Telegram.WebView = {initParams: initParams, isIframe: isIframe, postEvent: function (type, callback, data) {
    var ok = postEvent(type, data);
    if (typeof callback === 'function') callback(ok ? undefined : {notAvailable: true});
  }, receiveEvent: receive};

  applyViewport();
  if (isIframe) postEvent('iframe_ready', {reload_supported: true});
  postEvent('web_app_request_theme');
  postEvent('web_app_request_viewport');
})();
