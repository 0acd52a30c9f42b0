/** Polski. */
import { schedulerLabels } from '../diffusion/types.ts';
import type { MessageKey } from './index.ts';
import type { Catalog, CommandText } from './types.ts';

const level: Record<string, string> = {
  guild: 'serwer (wszyscy tutaj)',
  role: 'rola (członkowie z daną rolą)',
  user: 'użytkownik (jedna osoba)',
};
const limitKey: Record<string, string> = {
  userImagesPerDay: 'userImagesPerDay: obrazy na osobę w ciągu ostatnich 24 h',
  userCooldownSeconds: 'userCooldownSeconds: przerwa między prośbami',
  userMaxQueued: 'userMaxQueued: zadania jednej osoby w kolejce',
  guildImagesPerDay: 'guildImagesPerDay: obrazy na serwer w ciągu ostatnich 24 h',
  maxSteps: 'maxSteps: kroki na obraz',
  maxWidth: 'maxWidth: szerokość obrazu',
  maxHeight: 'maxHeight: wysokość obrazu',
  maxPixels: 'maxPixels: piksele na obraz (szerokość x wysokość)',
  maxImagesPerRequest: 'maxImagesPerRequest: obrazy na prośbę',
  allowUploads: 'allowUploads: wolno wysyłać własne obrazy',
  spoilerRequired: 'spoilerRequired: obrazy publikowane jako spoiler',
};
const aspect: Record<string, string> = {
  '1:1': '1:1 kwadrat', '3:2': '3:2 poziomo', '2:3': '2:3 pionowo', '16:9': '16:9 panorama', '9:16': '9:16 wysoki pion',
};
const role: CommandText = { name: 'rola', description: 'Rola (dla poziomu rola)' };
const user: CommandText = { name: 'użytkownik', description: 'Osoba (dla poziomu użytkownik)' };

const commands: Record<string, CommandText> = {
  imagine: {
    name: 'namaluj',
    description: 'Namaluj obraz na podstawie opisu',
    options: {
      prompt: { name: 'prompt', description: 'Co namalować, po angielsku (działają też flagi: --ar 16:9 --seed 42 --no text)' },
      negative: { name: 'negatywny', description: 'Czego ma nie być na obrazie' },
      aspect: { name: 'proporcje', description: 'Kształt obrazu', choices: aspect },
      seed: { name: 'ziarno', description: 'To samo ziarno, ten sam obraz (losowe, gdy puste)' },
      steps: { name: 'kroki', description: 'Kroki odszumiania: więcej to wolniej i często dokładniej' },
      guidance: { name: 'wierność', description: 'Jak ściśle trzymać się promptu (0-30)' },
      count: { name: 'liczba', description: 'Ile obrazów' },
      image: { name: 'obraz', description: 'Zacznij od tego obrazu (PNG, JPEG lub WebP)' },
      strength: { name: 'siła', description: 'Z obrazem: jak bardzo się od niego oddalić (0,05-1)' },
      // Schedulers are proper names (A1111's): the same in every language.
      scheduler: { name: 'harmonogram', description: 'Jak przejść od szumu do obrazu (domyślnie: ten z modelu)', choices: schedulerLabels },
    },
  },
  info: { name: 'info', description: 'Ile obrazów zostało ci dziś, twoje zadania w kolejce i model, którego używa bot' },
  help: { name: 'pomoc', description: 'Co robi Atelier, jego polecenia i przyciski oraz twoje limity' },
  queue: {
    name: 'kolejka',
    description: 'Co jest teraz malowane i co czeka, z szacowanym czasem',
    options: {
      remove: { name: 'usuń', description: 'Moderacja: usuń to zadanie (jego numer) z kolejki' },
      reason: { name: 'powód', description: 'Moderacja: dlaczego zostało usunięte (zobaczy to autor)' },
    },
  },
  settings: {
    name: 'ustawienia',
    description: 'Twoje własne ustawienia domyślne dla /imagine',
    options: {
      show: { name: 'pokaż', description: 'Pokaż swoje ustawienia domyślne' },
      set: {
        name: 'zmień',
        description: 'Zmień jedno lub kilka ustawień domyślnych',
        options: {
          aspect_ratio: { name: 'proporcje', description: 'Kształt twoich obrazów', choices: { ...aspect, default: 'domyślne bota' } },
          steps: { name: 'kroki', description: 'Kroki odszumiania (0: domyślne modelu)' },
          spoiler: { name: 'spoiler', description: 'Publikuj twoje obrazy jako spoiler' },
        },
      },
      reset: { name: 'resetuj', description: 'Zapomnij twoje ustawienia domyślne' },
    },
  },
  ban: {
    name: 'zablokuj',
    description: 'Zablokuj komuś korzystanie z Atelier na tym serwerze (moderacja)',
    options: {
      user: { name: 'użytkownik', description: 'Komu zablokować bota' },
      reason: { name: 'powód', description: 'Dlaczego (zobaczy to przy próbie użycia bota)' },
      duration: { name: 'czas', description: 'Na jak długo, np. 1h, 7d, 2w (bezterminowo, gdy puste)' },
    },
  },
  unban: {
    name: 'odblokuj',
    description: 'Pozwól zablokowanej osobie znów korzystać tu z Atelier (moderacja)',
    options: {
      user: { name: 'użytkownik', description: 'Komu zdjąć blokadę' },
      reason: { name: 'powód', description: 'Dlaczego (zostaje w dzienniku)' },
    },
  },
  blocklist: {
    name: 'czarna-lista',
    description: 'Słowa i wzorce, których prompty tutaj nie mogą zawierać (moderacja)',
    options: {
      add: { name: 'dodaj', description: 'Zablokuj słowo, frazę lub /wyrażenie regularne/', options: {
        pattern: { name: 'wpis', description: 'np. gore, "blood bath" lub /sk(u|e)ll?s?/' },
      } },
      remove: { name: 'usuń', description: 'Odblokuj wpis, zapisany tak, jak został dodany', options: {
        pattern: { name: 'wpis', description: 'Wpis do usunięcia' },
      } },
      list: { name: 'lista', description: 'Pokaż wpisy tego serwera i listę wbudowaną' },
    },
  },
  limits: {
    name: 'limity',
    description: 'Zobacz lub zmień, ile wolno tu korzystać z Atelier (moderacja)',
    options: {
      show: { name: 'pokaż', description: 'Obowiązujące limity: serwera, roli lub osoby', options: {
        role: { name: 'rola', description: 'Pokaż wyjątki tej roli' },
        user: { name: 'użytkownik', description: 'Pokaż limity, które dotyczą tej osoby' },
      } },
      set: { name: 'ustaw', description: 'Zmień jeden limit dla serwera, roli lub osoby (działa od razu)', options: {
        level: { name: 'poziom', description: 'Kogo dotyczy limit', choices: level },
        key: { name: 'limit', description: 'Który limit', choices: limitKey },
        value: { name: 'wartość', description: 'Liczba, "unlimited", 0 albo yes/no dla przełączników' },
        role, user,
      } },
      reset: { name: 'resetuj', description: 'Usuń wyjątek, aby znów obowiązywał niższy poziom', options: {
        level: { name: 'poziom', description: 'Czyj to wyjątek', choices: level },
        key: { name: 'limit', description: 'Który limit (wszystkie, gdy puste)', choices: limitKey },
        role, user,
      } },
    },
  },
  usage: {
    name: 'użycie',
    description: 'Jak bardzo tu używano Atelier: sumy, najaktywniejsi, odmowy, wykres (moderacja)',
    options: {
      period: { name: 'okres', description: 'Jak daleko wstecz (tydzień, gdy puste)', choices: {
        day: 'dzień (ostatnie 24 godziny)', week: 'tydzień (ostatnie 7 dni)', month: 'miesiąc (ostatnie 30 dni)',
      } },
      user: { name: 'użytkownik', description: 'Tylko ta osoba' },
    },
  },
  modlog: {
    name: 'dziennik-moderacji',
    description: 'Ostatnie działania moderacji na tym serwerze (moderacja)',
    options: {
      page: { name: 'strona', description: '1 to najnowsza' },
      moderator: { name: 'moderator', description: 'Tylko działania tego moderatora' },
      target: { name: 'dotyczy', description: 'Tylko działania dotyczące tej osoby' },
    },
  },
  'Vary this image': { name: 'Wariacje tego obrazu' },
};

const messages: { [K in MessageKey]: Catalog['messages'][string] } = {
  'router.unknownCommand': 'Ta wersja bota nie zna tego polecenia. Wpisz /, aby zobaczyć polecenia, które ma teraz.',
  'router.unknownButton': 'Ten bot nie rozpoznaje już tego przycisku. Utwórz nowy obraz poleceniem /imagine.',
  'router.bug': 'Coś poszło nie tak po naszej stronie (identyfikator błędu `{errorId}`). Spróbuj ponownie; jeśli to się powtarza, przekaż ten identyfikator osobie, która prowadzi bota.',

  'job.modelLoading': 'Model obrazów jeszcze się wczytuje. Spróbuj ponownie za minutę.',
  'job.dmOff': 'Tutaj tworzę obrazy tylko na serwerach: osoba prowadząca bota wyłączyła wiadomości prywatne.',
  'job.blockedWord': 'Twój prompt zawiera „{word}”, czego nie wolno używać poza kanałami z ograniczeniem wiekowym. Przeformułuj go i spróbuj ponownie; nic nie zostało naliczone.',
  'job.blockedWordHere': 'Twój prompt zawiera „{word}”, czego ten serwer nie dopuszcza. Przeformułuj go i spróbuj ponownie; nic nie zostało naliczone.',
  'job.blockedPattern': 'Twój prompt zawiera zablokowany wzorzec, którego nie wolno używać poza kanałami z ograniczeniem wiekowym. Przeformułuj go i spróbuj ponownie; nic nie zostało naliczone.',
  'job.blockedPatternHere': 'Twój prompt zawiera zablokowany wzorzec, którego ten serwer nie dopuszcza. Przeformułuj go i spróbuj ponownie; nic nie zostało naliczone.',
  'job.refusedPublicNote': '-# Ta prośba nie została rozpoczęta; powód wysłałem ci prywatnie.',

  'button.cancel': 'Anuluj',
  'button.reroll': 'Losuj ponownie',
  'button.info': 'Info',
  'button.delete': 'Usuń',
  'button.subtle': 'Wariacja (subtelna)',
  'button.strong': 'Wariacja (mocna)',

  'help.title': 'Atelier: pomoc',
  'help.intro': 'Maluję obrazy na podstawie opisu, na własnym komputerze osoby prowadzącej ten serwer. Wpisz {imagine} i to, co chcesz zobaczyć: od razu odpowiem twoim miejscem w kolejce, pokażę obraz w trakcie malowania, a potem opublikuję gotowe obrazy z przyciskami do dalszej pracy.',
  'help.commands': 'Polecenia',
  'help.cmd.imagine': 'namaluj obraz na podstawie opisu; opcje dodają negatywny prompt, proporcje, ziarno, kroki, wierność, liczbę obrazów albo obraz początkowy',
  'help.cmd.info': 'ile obrazów zostało ci dziś, twoje zadania w kolejce i używany model',
  'help.cmd.queue': 'co jest teraz malowane i co czeka, z szacowanym czasem',
  'help.cmd.settings': 'twoje własne ustawienia domyślne dla /imagine: proporcje, kroki, spoiler',
  'help.cmd.help': 'ta pomoc, widoczna tylko dla ciebie',
  'help.cmd.vary': 'dla każdego obrazu opublikowanego na kanale: otwórz menu wiadomości, potem Aplikacje → **{name}**',
  'help.buttons': 'Przyciski pod obrazem',
  'help.button.upscale': '**U1, U2…**: ten obraz osobno, w pełnym rozmiarze, z własnymi przyciskami',
  'help.button.vary': '**V1, V2…**: nowe wariacje tego obrazu',
  'help.button.subtle': '**{subtle}** / **{strong}**: bliska albo swobodniejsza wariacja pojedynczego obrazu',
  'help.button.reroll': '**{reroll}**: ta sama prośba jeszcze raz, z nowymi ziarnami',
  'help.button.info': '**{info}**: jak powstały obrazy (prompt, ziarno, rozmiar, kroki, model), widoczne tylko dla ciebie',
  'help.button.delete': '**{delete}**: usuwa obrazy (autor albo moderacja)',
  'help.button.cancel': '**{cancel}**: zatrzymuje zadanie czekające lub w trakcie (autor albo moderacja); nic nie jest naliczane',
  'help.flags': 'Flagi w prompcie',
  'help.flagsText': 'Dodaj je na końcu promptu: `--ar 16:9` proporcje, `--seed 42` ten sam obraz jeszcze raz, `--no text` czego ma nie być, `--steps 30` więcej kroków odszumiania, `--guidance 7` jak ściśle trzymać się promptu.',
  'help.english': 'Model czyta tylko po angielsku: pisz prompt po angielsku, a wyniki będą najlepsze. Cała reszta (polecenia, odpowiedzi, przyciski) jest w języku twojego Discorda.',
  'help.limits': 'Twoje limity tutaj',
  'help.limit.banned': 'Masz zablokowany dostęp do Atelier na tym serwerze.',
  'help.limit.imagesUnlimited': 'Obrazy: nie masz dziennego limitu.',
  'help.limit.imagesNone': 'Obrazy: nie możesz tu tworzyć obrazów.',
  'help.limit.images': {
    one: 'Obrazy: zostało {left} z {count} obrazu w ciągu ostatnich 24 godzin (okno ruchome).',
    few: 'Obrazy: zostało {left} z {count} obrazów w ciągu ostatnich 24 godzin (okno ruchome).',
    many: 'Obrazy: zostało {left} z {count} obrazów w ciągu ostatnich 24 godzin (okno ruchome).',
    other: 'Obrazy: zostało {left} z {count} obrazu w ciągu ostatnich 24 godzin (okno ruchome).',
  },
  'help.limit.cooldown': 'Przerwa: {duration} między dwiema prośbami.',
  'help.limit.noCooldown': 'Przerwa: brak.',
  'help.limit.queued': {
    one: 'Najwyżej {count} zadanie czekające naraz.',
    few: 'Najwyżej {count} zadania czekające naraz.',
    many: 'Najwyżej {count} zadań czekających naraz.',
    other: 'Najwyżej {count} zadania czekającego naraz.',
  },
  'help.limit.size': 'Największy obraz: {width}×{height} pikseli, do {steps} kroków, {images} obrazów na prośbę.',
  'help.limit.uploadsOff': 'Zaczynanie od własnego obrazu jest tu wyłączone.',
  'help.model': 'Co potrafi model',
  'help.modelLoading': 'Model jeszcze się wczytuje; zapytaj ponownie za minutę.',
  'help.modelDemo': 'Ten bot używa małego modelu demonstracyjnego dołączonego do Atelier. Maluje jeden kształt ({shapes}) w jednym kolorze ({colours}) w jednym miejscu ({positions}), na tle w innym kolorze, na przykład „a red star on the left on a blue background”. Zna tylko te angielskie słowa, a wszystkie inne pomija.',
  'help.modelReal': 'Model to **{name}**. Najlepiej trzyma się krótkich, konkretnych opisów po angielsku i czyta tylko mniej więcej pierwsze 75 fragmentów słów promptu; czytelny tekst, dłonie i dokładna liczba przedmiotów często wychodzą źle.',
  'help.moderators': 'Dla moderacji (Zarządzanie serwerem)',
  'help.mod.limits': 'zobacz lub zmień limity serwera, roli lub osoby',
  'help.mod.ban': 'zablokuj komuś Atelier tutaj, na jakiś czas albo na stałe',
  'help.mod.unban': 'zdejmij blokadę',
  'help.mod.blocklist': 'słowa i wzorce, których prompty tutaj nie mogą zawierać',
  'help.mod.usage': 'jak bardzo używano Atelier: sumy, najaktywniejsi, odmowy, wykres',
  'help.mod.modlog': 'ostatnie działania moderacji',
  'help.mod.queueRemove': 'usuń czyjeś zadanie z kolejki, z powodem, który ta osoba zobaczy',
  'help.mod.buttons': 'Przyciskami pod obrazami możesz też anulować lub usunąć obrazy każdej osoby.',
};

export const pl: Catalog<MessageKey> = { lang: 'pl', messages, commands };
